package io.vsip4x.portal.identity;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Setting passwords: a person changing their own, and the portal setting one for a security admin. */
@Service
class PasswordService {

    private final UserRepository users;
    private final PasswordPolicy policy;
    private final PasswordEncoder encoder;
    private final AuditService audit;
    private final Clock clock;
    private final SignInLockout lockout;

    PasswordService(UserRepository users, PasswordPolicy policy, PasswordEncoder encoder, AuditService audit,
            Clock clock, SignInLockout lockout) {
        this.lockout = lockout;
        this.users = users;
        this.policy = policy;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a person types to change their password. */
    record Change(String currentPassword, String newPassword, String confirmPassword) {
    }

    /**
     * Changes the signed-in person's password, which ends a forced change.
     *
     * @throws FieldProblems when the current password is wrong (which counts as a failed sign-in, so
     *                       guessing it locks the account), the new one breaks a rule, or the
     *                       confirmation differs
     */
    @Transactional(noRollbackFor = FieldProblems.class)
    public void change(CurrentUser user, Change change) {
        UserRepository.UserRow row = users.lockByUsername(user.username())
                .orElseThrow(() -> PortalException.notFound("error.notFound"));
        FieldProblems.Collector problems = new FieldProblems.Collector();
        if (change.currentPassword() == null || !encoder.matches(change.currentPassword(), row.passwordHash())) {
            problems.reject("currentPassword", "password.error.currentWrong");
            lockout.countFailure(row.username());
        }
        policy.check("newPassword", row.username(), change.newPassword(), previous(row), problems);
        if (!problems.has("newPassword") && change.confirmPassword() != null
                && !change.confirmPassword().equals(change.newPassword())) {
            problems.reject("confirmPassword", "password.error.mismatch");
        }
        try {
            problems.throwIfAny();
        } catch (FieldProblems refused) {
            audit.event("PASSWORD_CHANGE")
                    .target("ACCOUNT", row.username())
                    .result(AuditService.DENIED, null, reasons(refused))
                    .recordAlone();
            throw refused;
        }
        store(row.id(), change.newPassword(), false);
        audit.event("PASSWORD_CHANGE")
                .target("ACCOUNT", row.username())
                .record();
    }

    /**
     * Checks a password a security admin chose for an account, adding a problem under {@code field}.
     *
     * @param id the account, or {@code null} for one being created
     */
    void check(String field, Long id, String username, String password, FieldProblems.Collector problems) {
        List<String> previous = id == null ? List.of()
                : users.findById(id).map(this::previous).orElse(List.of());
        policy.check(field, username, password, previous, problems);
    }

    /** A password the portal makes up for {@code username}. */
    String generate(String username) {
        return policy.generate(username);
    }

    /** Sets an account's password (already checked) and remembers it. */
    void store(long id, String password, boolean mustChange) {
        String hash = encoder.encode(password);
        users.setPassword(id, hash, mustChange, clock.instant());
        users.remember(id, hash, policy.history(), clock.instant());
    }

    /**
     * The reasons of a refused change as stable codes, never the passwords: {@code WRONG_CURRENT},
     * then the new password's ({@code TOO_SHORT}, {@code REUSED}…) and {@code MISMATCH}.
     */
    static String reasons(FieldProblems refused) {
        return refused.problems().stream().map(p -> reasonCode(p.messageKey())).distinct()
                .collect(Collectors.joining(", "));
    }

    /** {@code password.error.tooShort}: {@code TOO_SHORT}; the wrong current password: {@code WRONG_CURRENT}. */
    static String reasonCode(String messageKey) {
        if ("password.error.currentWrong".equals(messageKey)) {
            return "WRONG_CURRENT";
        }
        String name = messageKey.substring(messageKey.lastIndexOf('.') + 1);
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** The current password's hash, then the remembered ones, newest first. */
    private List<String> previous(UserRepository.UserRow row) {
        List<String> remembered = users.latestPasswords(row.id(), policy.history());
        if (remembered.contains(row.passwordHash())) {
            return remembered;
        }
        return Stream.concat(Stream.of(row.passwordHash()), remembered.stream()).toList();
    }
}
