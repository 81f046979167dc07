package io.vsip4x.portal.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the operation log is sealed into its chain.
 *
 * @param sealInterval how often the sealer looks for new events
 * @param sealBatch    at most this many events are sealed in one transaction
 * @param gapWait      how long an id the sealer passed may still turn up (a slow transaction)
 *                     before it is taken for a rolled-back one
 */
@ConfigurationProperties("portal.audit")
public record AuditProperties(
        @DefaultValue("250ms") Duration sealInterval,
        @DefaultValue("5000") int sealBatch,
        @DefaultValue("10m") Duration gapWait) {

    public AuditProperties {
        if (sealBatch < 1 || sealBatch > 100_000) {
            throw new IllegalArgumentException("portal.audit.seal-batch must be 1 to 100000, not " + sealBatch);
        }
    }
}
