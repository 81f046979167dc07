package io.vsip4x.portal.identity;

import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether a signed-in session still stands for its account: the account may have been removed,
 * disabled or locked since, or its tenant, clearance or roles changed (a session keeps the rights
 * its account had at sign-in, so changed ones need a new sign-in). Pages learn it on their next
 * request ({@link LockedSessionFilter}); long-lived connections such as a console's ask it
 * themselves.
 */
@Component
public class AccountStanding {

    /** How a session's account stands. */
    public enum Standing {
        /** As it was at sign-in. */
        GOOD,
        /** Removed, disabled or locked. */
        LOCKED,
        /** Its tenant, clearance or roles changed. */
        RIGHTS_CHANGED
    }

    private final UserRepository users;
    private final SignInLockout lockout;

    AccountStanding(UserRepository users, SignInLockout lockout) {
        this.users = users;
        this.lockout = lockout;
    }

    /** How the account of the session signed in as {@code signedIn} stands now. */
    public Standing of(CurrentUser signedIn) {
        Optional<UserRepository.UserRow> row = users.findById(signedIn.id());
        if (row.isEmpty() || !row.get().enabled() || lockOf(signedIn, row.get()) != null) {
            return Standing.LOCKED;
        }
        return rightsChanged(signedIn, row.get()) ? Standing.RIGHTS_CHANGED : Standing.GOOD;
    }

    /** The lock the account of {@code signedIn} (read as {@code row}) is under now, or {@code null}. */
    AccountLockedException lockOf(CurrentUser signedIn, UserRepository.UserRow row) {
        return lockout.lockOf(new PortalUserDetails(signedIn, row.passwordHash(), row.enabled(), row.state()));
    }

    /** Whether the account's tenant, clearance or roles differ from those the session signed in with. */
    boolean rightsChanged(CurrentUser signedIn, UserRepository.UserRow row) {
        return !Objects.equals(signedIn.tenantId(), row.tenantId()) || signedIn.clearance() != row.clearance()
                || !signedIn.roles().equals(users.roles(row.id()));
    }
}
