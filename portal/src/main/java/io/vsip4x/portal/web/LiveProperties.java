package io.vsip4x.portal.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How live status travels between portal nodes ({@code portal.live.*}).
 *
 * @param pollInterval   how often each node reads the new rows of {@code live_event}
 * @param coalesceWindow at most one push of each kind to each open page within this window (a
 *                       burst of changes makes the page fetch its fragment once)
 * @param retention      how long the rows are kept (a node that was away longer resynchronizes
 *                       its pages instead of replaying)
 * @param gapGrace       how long a missing id (a publishing transaction not yet committed) is
 *                       looked for before it counts as rolled back
 */
@ConfigurationProperties("portal.live")
public record LiveProperties(
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("300ms") Duration coalesceWindow,
        @DefaultValue("5m") Duration retention,
        @DefaultValue("30s") Duration gapGrace) {
}
