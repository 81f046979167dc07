package io.vsip4x.portal.audit;

/**
 * What the signature of an archive file covers: the file by name and SHA-256, and the part of the
 * chain it holds. The signed text is {@link #signedText()}.
 *
 * @param fileName the archive file's name (no folder)
 * @param sha256   SHA-256 of the whole (gzip) file, lowercase hex
 * @param firstSeq the chain number of its first event
 * @param lastSeq  the chain number of its last event
 * @param lastHash the hash of its last event's link
 * @param count    how many events it holds
 */
public record ArchiveManifest(String fileName, String sha256, long firstSeq, long lastSeq, String lastHash,
        long count) {

    /** The format of the archive files and of the signed text. */
    public static final String FORMAT = "vsip4x-audit-archive-1";

    /** {@code vsip4x-audit-archive-1|fileName|sha256|firstSeq|lastSeq|lastHash|count}. */
    public String signedText() {
        return String.join("|", FORMAT, fileName, sha256, Long.toString(firstSeq), Long.toString(lastSeq),
                lastHash, Long.toString(count));
    }
}
