package io.vsip4x.portal.identity.ukey;

import java.time.Instant;

/**
 * A UKEY bound to a portal account.
 *
 * @param id             the binding's id
 * @param accountId      the account the key signs in
 * @param username       that account's username
 * @param sid            the key's device serial ({@code sid})
 * @param certUser       the certificate's user ({@code certuser})
 * @param platformUserId the platform user {@code ukeyLogin} answers for the key ({@code user.id})
 * @param label          a note of the security admin, possibly empty
 * @param boundAt        when it was bound
 * @param revokedAt      when it was revoked, or {@code null} while active
 * @param revokeReason   why, or {@code null}
 * @param lastUsedAt     the last sign-in with it, or {@code null}
 */
public record UkeyBinding(long id, long accountId, String username, String sid, String certUser,
        String platformUserId, String label, Instant boundAt, Instant revokedAt, String revokeReason,
        Instant lastUsedAt) {

    /** Whether the key still signs its account in. */
    public boolean active() {
        return revokedAt == null;
    }
}
