package io.vsip4x.portal.audit;

import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/**
 * The archive file's lines and its signature file, as JSON. An archive is gzip-compressed JSON
 * Lines: a {@link Header}, then one {@link Line} per event in chain order. Beside it,
 * {@code <file>.sig} holds a {@link SignatureFile}.
 */
public final class ArchiveFormat {

    /** The mapper of the files: plain Jackson, whatever the portal's JSON settings. */
    static final JsonMapper JSON = JsonMapper.builder().build();

    private ArchiveFormat() {
    }

    /**
     * The first line.
     *
     * @param anchorSeq  the chain number before the first event ({@code firstSeq - 1})
     * @param anchorHash the hash the first event's link continues from
     */
    public record Header(String format, long firstSeq, long lastSeq, long count, long anchorSeq,
            String anchorHash) {
    }

    /** One event: its chain number and hash, then every column of its row ({@code occurredAt} ISO-8601 UTC). */
    public record Line(long seq, String hash, long id, String occurredAt, String actor, String tenantCode,
            String role, String clientAddr, String action, String targetType, String target, String params,
            String result, String code, String message, String correlationId) {

        static Line of(long seq, String hash, AuditEntry e) {
            return new Line(seq, hash, e.id(), e.occurredAt().toString(), e.actor(), e.tenantCode(), e.role(),
                    e.clientAddr(), e.action(), e.targetType(), e.target(), e.params(), e.result(), e.code(),
                    e.message(), e.correlationId());
        }

        /** The event as the chain hashed it. */
        public AuditEntry entry() {
            return new AuditEntry(id, Instant.parse(occurredAt), actor, tenantCode, role, clientAddr, action,
                    targetType, target, params, result, code, message, correlationId);
        }
    }

    /** The detached signature: the manifest's fields, the key id and the Ed25519 signature (base64). */
    public record SignatureFile(String format, String fileName, String sha256, long firstSeq, long lastSeq,
            String lastHash, long count, String keyId, String signature) {

        static SignatureFile of(ArchiveManifest m, String keyId, String signature) {
            return new SignatureFile(ArchiveManifest.FORMAT, m.fileName(), m.sha256(), m.firstSeq(), m.lastSeq(),
                    m.lastHash(), m.count(), keyId, signature);
        }

        /** What the signature signs. */
        public ArchiveManifest manifest() {
            return new ArchiveManifest(fileName, sha256, firstSeq, lastSeq, lastHash, count);
        }
    }
}
