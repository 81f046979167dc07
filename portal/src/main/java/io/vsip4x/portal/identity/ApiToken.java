package io.vsip4x.portal.identity;

import java.time.Instant;

/**
 * A personal API token as its owner and security admins see it: never the token itself, which
 * is shown once when it is made ({@link ApiTokens.Created}).
 *
 * @param id         the token's id
 * @param accountId  the account it signs in
 * @param username   that account's username
 * @param name       what its owner called it
 * @param createdAt  when it was made
 * @param expiresAt  when it stops working by itself
 * @param lastUsedAt the last API call made with it (to the minute), or {@code null}
 * @param revokedAt  when it was revoked, or {@code null}
 * @param status     {@code ACTIVE}, {@code EXPIRED} or {@code REVOKED}, as it was when read
 * @param signedInWith how the session that made it signed in: {@code PASSWORD}, {@code UKEY} or
 *                   {@code BOTH} ({@link SignInFactors#code}); it works only while the account's
 *                   policy asks no more
 */
public record ApiToken(long id, long accountId, String username, String name, Instant createdAt,
        Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String status, String signedInWith) {

    /** Works now. */
    public static final String ACTIVE = "ACTIVE";
    /** Past its expiry. */
    public static final String EXPIRED = "EXPIRED";
    /** Revoked by its owner or a security admin. */
    public static final String REVOKED = "REVOKED";

    /** Whether it still signs its account in (it did when it was read). */
    public boolean active() {
        return ACTIVE.equals(status);
    }
}
