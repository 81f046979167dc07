package io.vsip4x.portal.audit;

/** What a verification of the audit chain can find wrong, in the order of the chain. */
public enum AuditProblem {
    /** A sealed event's row no longer hashes to its seal: the row was changed. */
    EVENT_CHANGED("EVENT_CHANGED"),
    /** A seal names an event that is no longer in the table: the row was deleted. */
    EVENT_MISSING("EVENT_MISSING"),
    /** The seals jump over numbers: seals were deleted. */
    SEAL_GAP("SEAL_GAP"),
    /** A seal's hash is not the link of the chain: the seal (or the head) was changed. */
    SEAL_CHANGED("SEAL_CHANGED"),
    /** A signed checkpoint names another hash than the chain at its number: the chain was rewritten. */
    CHECKPOINT_MISMATCH("CKPT_MISMATCH"),
    /** A checkpoint's signature does not verify with a trusted key: it was forged. */
    CHECKPOINT_BAD_SIGNATURE("CKPT_BAD_SIG"),
    /**
     * An event at or below the head's event id has no seal, and the sealer is not waiting for it (or it
     * is older than the sealer's wait): it was inserted behind the sealer.
     */
    UNSEALED_EVENT("UNSEALED_EVENT"),
    /** The chain's anchor is not where the newest signed archive ends. */
    ANCHOR_MISMATCH("ANCHOR_MISMATCH"),
    /**
     * A signed checkpoint (in the database or in the checkpoint file) or the forwarding names a seq
     * beyond the chain's head: the newest links were cut off.
     */
    CHAIN_TRUNCATED("CHAIN_TRUNCATED");

    private final String code;

    AuditProblem(String code) {
        this.code = code;
    }

    /** The problem as an audit event's result code (at most 16 characters). */
    public String code() {
        return code;
    }
}
