package io.vsip4x.portal.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The link of the chain: {@code SHA-256(previous hash, seq, event)}, lowercase hex. The event
 * enters as every column of its row in {@link AuditEntry#COLUMNS} order, each length-prefixed
 * UTF-8 (or one zero byte for SQL NULL), the time as epoch milliseconds, so no two different
 * rows read alike. The same function checks an archive file outside the portal.
 */
public final class AuditHash {

    /** The hash before the first event. */
    public static final String GENESIS = "0".repeat(64);
    private static final byte[] VERSION = "vsip4x-audit-1".getBytes(StandardCharsets.US_ASCII);

    private AuditHash() {
    }

    /** The hash of {@code event} sealed as number {@code seq} after {@code previous}. */
    public static String link(String previous, long seq, AuditEntry event) {
        MessageDigest sha = sha256();
        sha.update(VERSION);
        sha.update(previous.getBytes(StandardCharsets.US_ASCII));
        sha.update(ByteBuffer.allocate(24).putLong(seq).putLong(event.id())
                .putLong(event.occurredAt().toEpochMilli()).array());
        for (String field : new String[] {event.actor(), event.tenantCode(), event.role(), event.clientAddr(),
                event.action(), event.targetType(), event.target(), event.params(), event.result(), event.code(),
                event.message(), event.correlationId()}) {
            if (field == null) {
                sha.update((byte) 0);
            } else {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                sha.update((byte) 1);
                sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                sha.update(bytes);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
