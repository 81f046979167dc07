package io.vsip4x.portal.identity;

import java.time.Instant;
import org.springframework.security.authentication.LockedException;

/** A sign-in refused because the account is locked: by a security admin, or for a while. */
public class AccountLockedException extends LockedException {

    private final transient Instant until;

    AccountLockedException(Instant until) {
        super(until == null ? "The account is locked" : "The account is locked for a while");
        this.until = until;
    }

    /** When the lock ends by itself, or {@code null} when a security admin must unlock it. */
    public Instant until() {
        return until;
    }
}
