package io.vsip4x.portal.identity;

import io.vsip4x.portal.audit.AuditService;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.annotation.Transactional;

/**
 * Locks accounts after failed sign-ins ({@link LockoutProperties}): each wrong password counts
 * (also a wrong current password on the change-password form);
 * at the limit the account is locked for the configured while, after which counting starts
 * over; a successful sign-in forgets the count. Locked accounts (and accounts a security admin
 * locked) are refused before their password is looked at.
 */
@Component
class SignInLockout {

    private static final Logger log = LoggerFactory.getLogger(SignInLockout.class);

    private final UserRepository users;
    private final LockoutProperties properties;
    private final AuditService audit;
    private final Clock clock;

    SignInLockout(UserRepository users, LockoutProperties properties, AuditService audit, Clock clock) {
        this.users = users;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Refuses a locked or disabled account.
     *
     * @throws AccountLockedException when it is locked
     * @throws DisabledException      when it is disabled
     */
    void check(UserDetails details) {
        if (details instanceof PortalUserDetails portal) {
            AccountLockedException locked = lockOf(portal);
            if (locked != null) {
                throw locked;
            }
        }
        if (!details.isEnabled()) {
            throw new DisabledException("The account is disabled");
        }
    }

    /** The lock the account is under now, or {@code null} when it is free. */
    AccountLockedException lockOf(PortalUserDetails details) {
        PortalUserDetails.SignInState state = details.state();
        if (state.locked()) {
            return new AccountLockedException(null);
        }
        if (state.lockedUntil() != null && state.lockedUntil().isAfter(clock.instant())) {
            return new AccountLockedException(state.lockedUntil());
        }
        return null;
    }

    /**
     * When the account of {@code username} is locked after failed sign-ins until, or empty when it
     * is not (or does not exist): the sign-in that reached the limit says so at once.
     */
    @Transactional(readOnly = true)
    public Optional<Instant> lockedUntil(String username) {
        Instant now = clock.instant();
        return (username == null ? Optional.<UserRepository.UserRow>empty() : users.findByUsername(username))
                .map(row -> row.state().lockedUntil())
                .filter(until -> until.isAfter(now));
    }

    @EventListener
    @Transactional
    public void failed(AuthenticationFailureBadCredentialsEvent event) {
        countFailure(event.getAuthentication().getName());
    }

    /**
     * Counts a wrong password of {@code username} (at sign-in, or as the current password when
     * changing it), locking the account at the limit; joins the caller's transaction.
     *
     * @return whether the account is now locked after failed sign-ins
     */
    @Transactional
    public boolean countFailure(String username) {
        UserRepository.UserRow row = username == null ? null : users.lockByUsername(username).orElse(null);
        if (row == null) {
            return false;
        }
        Instant now = clock.instant();
        PortalUserDetails.SignInState state = row.state();
        boolean lockOver = state.lockedUntil() != null && !state.lockedUntil().isAfter(now);
        int failed = (lockOver ? 0 : state.failedAttempts()) + 1;
        if (failed >= properties.maxAttempts()) {
            Instant until = now.plus(properties.duration());
            users.recordFailures(row.id(), failed, until);
            // The lock protects the account: it holds even when its event cannot be stored.
            try {
                audit.event("ACCOUNT_LOCKOUT")
                        .as(row.username(), row.tenantCode(), null)
                        .target("ACCOUNT", row.username())
                        .params("failedAttempts=" + failed + ", until=" + until)
                        .recordAlone();
            } catch (DataAccessException | TransactionException e) {
                log.error("The lock of account '{}' could not be logged: {}", row.username(), e.toString());
            }
            log.info("Locked account '{}' until {} after {} failed sign-ins", row.username(), until, failed);
            return true;
        }
        users.recordFailures(row.id(), failed, lockOver ? null : state.lockedUntil());
        return false;
    }

    @EventListener
    @Transactional
    public void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof PortalUserDetails portal) {
            PortalUserDetails.SignInState state = portal.state();
            if (state.failedAttempts() > 0 || state.lockedUntil() != null) {
                users.clearFailures(portal.user().id());
            }
        }
    }
}
