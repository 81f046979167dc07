package io.vsip4x.portal.identity;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What security admins do to accounts: list, create, edit, lock, unlock and reset passwords.
 * Every change is checked ({@link AccountRules}), made against the version the admin saw, and
 * written to the operation log without any password.
 */
@Service
public class AccountService {

    /** The highest clearance (密级) an account can hold. */
    public static final int MAX_CLEARANCE = 4;
    private static final int LIST_LIMIT = 500;
    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final AccountRepository accounts;
    private final UserRepository users;
    private final PasswordService passwords;
    private final AccountRules rules;
    private final AuditService audit;

    AccountService(AccountRepository accounts, UserRepository users, PasswordService passwords, AccountRules rules,
            AuditService audit) {
        this.accounts = accounts;
        this.users = users;
        this.passwords = passwords;
        this.rules = rules;
        this.audit = audit;
    }

    /**
     * An account saved, with the password the portal made up for it, if it did: shown once.
     *
     * @param generatedPassword the made-up password, or {@code null}
     */
    public record Saved(Account account, String generatedPassword) {
    }

    /**
     * Accounts by name, at most 500.
     *
     * @param tenant a tenant's code; {@code null} or blank for all, {@code "-"} for accounts of none
     * @param text   part of the name, display name or e-mail; {@code null} for all
     */
    @Transactional(readOnly = true)
    public List<Account> list(String tenant, String text) {
        String only = tenant == null || tenant.isBlank() ? null : "-".equals(tenant.strip()) ? "" : tenant.strip();
        return accounts.list(only, text, LIST_LIMIT);
    }

    /** One account; 404 when there is none. */
    @Transactional(readOnly = true)
    public Account get(long id) {
        return accounts.find(id).orElseThrow(() -> PortalException.notFound("accounts.error.notFound", id));
    }

    /** The tenants an account may belong to. */
    @Transactional(readOnly = true)
    public List<AccountRepository.TenantChoice> tenants() {
        return accounts.tenants();
    }

    /**
     * Creates an account; its password is the one given or one made up (returned once).
     *
     * @throws FieldProblems when a field is missing or breaks a rule; nothing is created then
     */
    @Transactional
    public Saved create(CurrentUser admin, AccountForm form) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        String username = rules.username(form.username(), problems);
        AccountRules.Checked checked = rules.check(form, problems);
        boolean generate = form.password() == null || form.password().isEmpty();
        if (!generate) {
            String typed = form.username() == null ? "" : form.username().strip();
            passwords.check("password", null, typed, form.password(), problems);
        }
        problems.throwIfAny();

        String password = generate ? passwords.generate(username) : form.password();
        boolean mustChange = form.mustChangePassword() == null || form.mustChangePassword();
        long id = users.insert(username, "!", checked.displayName(), checked.tenantId());
        checked.roles().forEach(role -> users.addRole(id, role));
        accounts.setContact(id, checked.email(), checked.clearance());
        passwords.store(id, password, mustChange);
        Account account = get(id);
        audit.event("ACCOUNT_CREATE")
                .target("ACCOUNT", username)
                .params(describe(account) + ", passwordGenerated=" + generate)
                .record();
        log.info("Security admin '{}' created account '{}'", admin.username(), username);
        return new Saved(account, generate ? password : null);
    }

    /**
     * Changes an account's display name, e-mail, tenant, roles and clearance.
     *
     * @throws FieldProblems   when a field breaks a rule, or an admin changes their own roles
     * @throws PortalException 409 when somebody changed the account since {@code form.version()}
     */
    @Transactional
    public Account update(CurrentUser admin, long id, AccountForm form) {
        Account before = get(id);
        FieldProblems.Collector problems = new FieldProblems.Collector();
        AccountRules.Checked checked = rules.check(form, problems);
        if (form.version() == null) {
            problems.reject("version", "accounts.error.versionRequired");
        }
        if (admin.id() == id && !problems.has("roles")
                && (!checked.roles().equals(before.roles())
                        || checked.clearance() != before.clearance())) {
            problems.reject("roles", "accounts.error.ownRoles");
        }
        problems.throwIfAny();

        if (!accounts.update(id, form.version(), checked.displayName(), checked.email(), checked.tenantId(),
                checked.clearance())) {
            throw PortalException.conflict("accounts.error.changedMeanwhile", before.username());
        }
        accounts.replaceRoles(id, checked.roles());
        Account after = get(id);
        audit.event("ACCOUNT_UPDATE")
                .target("ACCOUNT", after.username())
                .params(describe(after))
                .record();
        return after;
    }

    /**
     * Locks an account until a security admin unlocks it.
     *
     * @param version the version the admin saw, or {@code null} for any
     * @throws PortalException 403 for the admin's own account, 409 when the version differs
     */
    @Transactional
    public Account lock(CurrentUser admin, long id, Integer version) {
        Account account = get(id);
        if (admin.id() == id) {
            throw PortalException.forbidden("accounts.error.lockSelf");
        }
        if (!accounts.setLocked(id, version, true)) {
            throw PortalException.conflict("accounts.error.changedMeanwhile", account.username());
        }
        audit.event("ACCOUNT_LOCK")
                .target("ACCOUNT", account.username())
                .record();
        return get(id);
    }

    /** Unlocks an account, whatever locked it, and forgets its failed sign-ins. */
    @Transactional
    public Account unlock(CurrentUser admin, long id, Integer version) {
        Account account = get(id);
        if (!accounts.setLocked(id, version, false)) {
            throw PortalException.conflict("accounts.error.changedMeanwhile", account.username());
        }
        audit.event("ACCOUNT_UNLOCK")
                .target("ACCOUNT", account.username())
                .record();
        return get(id);
    }

    /**
     * Gives an account a made-up password, returned once; a lock after failed sign-ins ends.
     *
     * @param mustChange whether it must be changed at the next sign-in
     * @throws PortalException 403 for the admin's own account (they change it as everybody does), 409
     *                         when the version differs
     */
    @Transactional
    public Saved resetPassword(CurrentUser admin, long id, boolean mustChange, Integer version) {
        Account account = get(id);
        if (admin.id() == id) {
            throw PortalException.forbidden("accounts.error.resetSelf");
        }
        if (!accounts.bumpVersion(id, version)) {
            throw PortalException.conflict("accounts.error.changedMeanwhile", account.username());
        }
        String password = passwords.generate(account.username());
        passwords.store(id, password, mustChange);
        accounts.clearFailures(id);
        audit.event("ACCOUNT_PASSWORD_RESET")
                .target("ACCOUNT", account.username())
                .params("mustChangePassword=" + mustChange)
                .record();
        log.info("Security admin '{}' reset the password of account '{}'", admin.username(), account.username());
        return new Saved(get(id), password);
    }

    /** The account's settings for the operation log: never a password. */
    private static String describe(Account a) {
        return "tenant=" + (a.tenant() == null ? "-" : a.tenant()) + ", roles="
                + a.roles().stream().map(Enum::name).sorted().reduce((x, y) -> x + "," + y).orElse("")
                + ", clearance=" + a.clearance() + ", email=" + (a.email() == null ? "-" : a.email())
                + ", mustChangePassword=" + a.mustChangePassword();
    }
}
