package io.vsip4x.portal.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the operation log is sealed into its chain, signed, verified and archived.
 *
 * @param sealInterval       how often the sealer looks for new events
 * @param sealBatch          at most this many events are sealed in one transaction
 * @param gapWait            how long an id the sealer passed may still turn up (a slow transaction)
 *                           before it is taken for a rolled-back one
 * @param signingKeyFile     the Ed25519 private key (PKCS#8 PEM) that signs checkpoints and archives;
 *                           {@code null}: a key made once in the data folder
 * @param trustedKeyFiles    public keys (X.509 PEM) of earlier signing keys, whose signatures still count
 * @param retention          how long events stay in the database before they are archived
 * @param archiveDir         where the signed archive files go; {@code null}: {@code audit-archive} in the
 *                           data folder
 * @param archiveChunk       at most this many events in one archive file
 * @param archiveCron        when the archiving runs ({@code -}: never)
 * @param verifyCron         when the scheduled verification runs ({@code -}: never)
 * @param checkpointInterval the chain's head is signed at most this often, when it moved
 * @param checkpointFile     the file outside the database where this node appends every checkpoint it
 *                           signs; {@code null}: {@code audit-checkpoints.jsonl} in the data folder
 */
@ConfigurationProperties("portal.audit")
public record AuditProperties(
        @DefaultValue("250ms") Duration sealInterval,
        @DefaultValue("5000") int sealBatch,
        @DefaultValue("10m") Duration gapWait,
        Path signingKeyFile,
        @DefaultValue List<Path> trustedKeyFiles,
        @DefaultValue("180d") Duration retention,
        Path archiveDir,
        @DefaultValue("100000") int archiveChunk,
        @DefaultValue("0 15 3 * * *") String archiveCron,
        @DefaultValue("0 30 2 * * *") String verifyCron,
        @DefaultValue("1m") Duration checkpointInterval,
        Path checkpointFile) {

    public AuditProperties {
        if (sealBatch < 1 || sealBatch > 100_000) {
            throw new IllegalArgumentException("portal.audit.seal-batch must be 1 to 100000, not " + sealBatch);
        }
        if (archiveChunk < 1 || archiveChunk > 10_000_000) {
            throw new IllegalArgumentException("portal.audit.archive-chunk must be 1 to 10000000, not "
                    + archiveChunk);
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("portal.audit.retention must be positive, not " + retention);
        }
    }
}
