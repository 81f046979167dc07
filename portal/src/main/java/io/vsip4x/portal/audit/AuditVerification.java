package io.vsip4x.portal.audit;

import java.time.Instant;

/**
 * What a verification of the audit chain found.
 *
 * @param intact      whether the whole chain, from its anchor to its head, checked out
 * @param checked     how many seals were checked
 * @param headSeq     the number of the chain's newest link when the verification read it
 * @param headHash    that link's hash
 * @param firstBroken the first problem in chain order, {@code null} when intact
 * @param verifiedAt  when the verification started
 * @param durationMs  how long it took
 */
public record AuditVerification(
        boolean intact,
        long checked,
        long headSeq,
        String headHash,
        Broken firstBroken,
        Instant verifiedAt,
        long durationMs) {

    /**
     * The first broken link.
     *
     * @param seq     the chain number where it was found; {@code null} for an unsealed event
     * @param eventId the event concerned, when there is one
     * @param problem what is wrong
     * @param detail  an explanation for people, without secrets
     */
    public record Broken(Long seq, Long eventId, AuditProblem problem, String detail) {
    }
}
