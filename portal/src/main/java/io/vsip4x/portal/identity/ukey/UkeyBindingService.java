package io.vsip4x.portal.identity.ukey;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What security admins do with UKEY bindings: list them, bind a key to an account and revoke a
 * binding. Every rule refuses with a reason per field and changes nothing; every change is
 * written to the operation log.
 */
@Service
public class UkeyBindingService {

    static final Pattern SID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern PLATFORM_USER_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    static final int MAX_CERT_USER = 128;
    static final int MAX_LABEL = 100;
    static final int MAX_REASON = 200;
    private static final int LIST_LIMIT = 1000;
    private static final Logger log = LoggerFactory.getLogger(UkeyBindingService.class);

    private final UkeyBindings bindings;
    private final SignInGuard guard;
    private final JdbcClient jdbc;
    private final AuditService audit;

    UkeyBindingService(UkeyBindings bindings, SignInGuard guard, JdbcClient jdbc, AuditService audit) {
        this.bindings = bindings;
        this.guard = guard;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The account a key is bound to, as the rules read it. */
    private record Target(long id, String username, boolean enabled, boolean locked) {
    }

    /**
     * Every binding, active first, newest first.
     *
     * @param username only this account's; {@code null} or blank for all
     */
    @Transactional(readOnly = true)
    public List<UkeyBinding> list(String username) {
        if (username == null || username.isBlank()) {
            return bindings.all(LIST_LIMIT);
        }
        return target(username.strip()).map(t -> bindings.ofAccount(t.id())).orElse(List.of());
    }

    /** One binding, active or revoked; 404 when there is none. */
    @Transactional(readOnly = true)
    public UkeyBinding get(long id) {
        return bindings.find(id).orElseThrow(() -> PortalException.notFound("accounts.ukeys.error.notFound", id));
    }

    /**
     * The usernames a key may be bound to by {@code admin}, for the bind form's suggestions: every
     * enabled, unlocked account but the admin's own, by name.
     */
    @Transactional(readOnly = true)
    public List<String> bindable(CurrentUser admin) {
        return jdbc.sql("SELECT username FROM app_user WHERE enabled AND NOT locked AND id <> :me "
                        + "ORDER BY username LIMIT :limit")
                .param("me", admin.id()).param("limit", LIST_LIMIT).query(String.class).list();
    }

    /** The bindings of the signed-in person's own account, active first. */
    @Transactional(readOnly = true)
    public List<UkeyBinding> own(CurrentUser me) {
        return bindings.ofAccount(me.id());
    }

    /**
     * Binds a key to an account.
     *
     * @throws FieldProblems when a field is missing or malformed, the account is unknown, disabled
     *                       or the admin's own, the key is bound already, or its platform user is
     *                       bound to another account; nothing is bound then
     */
    @Transactional
    public UkeyBinding bind(CurrentUser admin, UkeyBindingForm form) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        Target account = account(admin, form.username(), problems);
        String sid = matching(form.sid(), SID, "sid", "accounts.ukeys.error.sidRule", problems);
        String certUser = strip(form.certUser());
        if (certUser.isEmpty()) {
            problems.reject("certUser", "accounts.ukeys.error.required");
        } else if (certUser.length() > MAX_CERT_USER || certUser.codePoints().anyMatch(AuditParams::control)) {
            problems.reject("certUser", "accounts.ukeys.error.certUserRule", MAX_CERT_USER);
        }
        String platformUserId = matching(form.platformUserId(), PLATFORM_USER_ID, "platformUserId",
                "accounts.ukeys.error.platformUserIdRule", problems);
        String label = strip(form.label());
        if (label.length() > MAX_LABEL || label.codePoints().anyMatch(AuditParams::control)) {
            problems.reject("label", "accounts.ukeys.error.tooLong", MAX_LABEL);
        }
        if (sid != null) {
            bindings.active(sid).ifPresent(b -> problems.reject("sid", "accounts.ukeys.error.sidBound", sid,
                    b.username()));
        }
        if (platformUserId != null && account != null) {
            otherHolder(platformUserId, account.id()).ifPresent(other -> problems.reject("platformUserId",
                    "accounts.ukeys.error.platformUserBound", platformUserId, other));
        }
        problems.throwIfAny();

        long id;
        try {
            id = bindings.bind(account.id(), sid, certUser, platformUserId, label, admin.id());
        } catch (UkeyBindings.AlreadyBoundException e) {
            // Another admin bound the same key a moment ago.
            throw FieldProblems.of("sid", "accounts.ukeys.error.sidBoundMeanwhile", sid);
        }
        UkeyBinding bound = get(id);
        audit.event("UKEY_BOUND")
                .target("UKEY", sid)
                .params(label.isEmpty()
                        ? AuditParams.of("binding", id, "account", account.username(), "certUser", certUser,
                                "platformUserId", platformUserId)
                        : AuditParams.of("binding", id, "account", account.username(), "certUser", certUser,
                                "platformUserId", platformUserId, "label", label))
                .record();
        log.info("Security admin '{}' bound UKEY '{}' to account '{}'", admin.username(), sid, account.username());
        return bound;
    }

    /**
     * Revokes a binding: the key no longer signs its account in.
     *
     * @throws FieldProblems   when the reason is missing or too long
     * @throws PortalException 404 when there is no such binding; 409 when it is revoked already, when
     *                         it is the admin's own last key and their policy needs one, or when no
     *                         security admin could sign in afterwards (nothing changes)
     */
    @Transactional
    public UkeyBinding revoke(CurrentUser admin, long id, String reason) {
        UkeyBinding binding = get(id);
        String why = strip(reason);
        if (why.isEmpty()) {
            throw FieldProblems.of("reason", "accounts.ukeys.error.reasonRequired");
        }
        if (why.length() > MAX_REASON || why.codePoints().anyMatch(AuditParams::control)) {
            throw FieldProblems.of("reason", "accounts.ukeys.error.tooLong", MAX_REASON);
        }
        SignInGuard.State was = guard.read(admin);
        if (!binding.active() || !bindings.revoke(id, admin.id(), why)) {
            throw PortalException.conflict("accounts.ukeys.error.revokedAlready", binding.sid());
        }
        // Thrown before anything is logged: the transaction rolls the revocation back.
        guard.checkRevoke(admin, binding, was);
        audit.event("UKEY_REVOKED")
                .target("UKEY", binding.sid())
                .params(AuditParams.of("binding", id, "account", binding.username(), "reason", why))
                .record();
        log.info("Security admin '{}' revoked UKEY '{}' of account '{}'", admin.username(), binding.sid(),
                binding.username());
        return get(id);
    }

    /** The account named, or {@code null} with a problem when it is missing, unknown, disabled or the admin's. */
    private Target account(CurrentUser admin, String username, FieldProblems.Collector problems) {
        String name = strip(username);
        if (name.isEmpty()) {
            problems.reject("username", "accounts.ukeys.error.required");
            return null;
        }
        Optional<Target> found = target(name);
        if (found.isEmpty()) {
            problems.reject("username", "accounts.ukeys.error.accountUnknown", name);
        } else if (!found.get().enabled() || found.get().locked()) {
            problems.reject("username", "accounts.ukeys.error.accountDisabled", name);
        } else if (found.get().id() == admin.id()) {
            problems.reject("username", "accounts.ukeys.error.self");
        } else {
            return found.get();
        }
        return null;
    }

    private Optional<Target> target(String username) {
        return jdbc.sql("SELECT id, username, enabled, locked FROM app_user WHERE username = :u")
                .param("u", username)
                .query((rs, n) -> new Target(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)))
                .optional();
    }

    /**
     * The account other than {@code accountId} that holds an active key of {@code platformUserId}.
     * NOTE: no unique key backs this rule (unlike the serial's), so two admins binding one platform
     * user to two accounts in the same instant could both succeed; sign-in then finds the key's own
     * binding by its serial, so neither key signs in the other's account.
     */
    private Optional<String> otherHolder(String platformUserId, long accountId) {
        return jdbc.sql("""
                        SELECT u.username
                          FROM ukey_binding b
                          JOIN app_user u ON u.id = b.account_id
                         WHERE b.platform_user_id = :p AND b.revoked_at IS NULL AND b.account_id <> :a
                         LIMIT 1""")
                .param("p", platformUserId).param("a", accountId)
                .query(String.class).optional();
    }

    private static String matching(String value, Pattern rule, String field, String ruleKey,
            FieldProblems.Collector problems) {
        String v = strip(value);
        if (v.isEmpty()) {
            problems.reject(field, "accounts.ukeys.error.required");
        } else if (!rule.matcher(v).matches()) {
            problems.reject(field, ruleKey);
        } else {
            return v;
        }
        return null;
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
