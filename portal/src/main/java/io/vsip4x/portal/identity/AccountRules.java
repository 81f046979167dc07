package io.vsip4x.portal.identity;

import io.vsip4x.portal.web.FieldProblems;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;

/**
 * The rules of an account's fields: a sign-in name of its own, a display name, a plausible
 * e-mail, a known tenant, known roles with at most one of platform admin, security admin and
 * auditor, a tenant for tenant-scoped roles, and a clearance in range.
 */
@Component
class AccountRules {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_DISPLAY_NAME = 100;
    private static final int MAX_EMAIL = 254;

    private final AccountRepository accounts;

    AccountRules(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** An account's fields once checked. */
    record Checked(String displayName, String email, Long tenantId, Set<Role> roles, int clearance) {
    }

    /** The new account's sign-in name, or {@code null} with a problem when it is missing, malformed or taken. */
    String username(String username, FieldProblems.Collector problems) {
        String name = username == null ? "" : username.strip();
        if (name.isEmpty()) {
            problems.reject("username", "accounts.error.required");
        } else if (!USERNAME.matcher(name).matches()) {
            problems.reject("username", "accounts.error.usernameRule");
        } else if (accounts.usernameTaken(name)) {
            problems.reject("username", "accounts.error.usernameTaken", name);
        } else {
            return name;
        }
        return null;
    }

    /** Checks every field but the name and the password; the checked values (partly empty when refused). */
    Checked check(AccountForm form, FieldProblems.Collector problems) {
        String displayName = form.displayName() == null ? "" : form.displayName().strip();
        if (displayName.isEmpty()) {
            problems.reject("displayName", "accounts.error.required");
        } else if (displayName.length() > MAX_DISPLAY_NAME) {
            problems.reject("displayName", "accounts.error.tooLong", MAX_DISPLAY_NAME);
        }
        String email = form.email() == null || form.email().isBlank() ? null : form.email().strip();
        if (email != null && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
            problems.reject("email", "accounts.error.email");
        }
        Long tenantId = null;
        if (form.tenant() != null && !form.tenant().isBlank()) {
            tenantId = accounts.tenant(form.tenant().strip()).map(AccountRepository.TenantChoice::id).orElse(null);
            if (tenantId == null) {
                problems.reject("tenant", "accounts.error.tenantUnknown", form.tenant().strip());
            }
        }
        Set<Role> roles = roles(form.roles(), problems);
        if (!problems.has("tenant") && tenantId == null) {
            List<Role> scoped = roles.stream().filter(Role.TENANT_SCOPED::contains).toList();
            if (!scoped.isEmpty()) {
                problems.reject("tenant", "accounts.error.tenantRequired", names(scoped));
            }
        }
        Integer clearance = form.clearance();
        if (clearance == null || clearance < 0 || clearance > AccountService.MAX_CLEARANCE) {
            problems.reject("clearance", "accounts.error.clearanceRange", AccountService.MAX_CLEARANCE);
        }
        return new Checked(displayName, email, tenantId, roles, clearance == null ? 0 : clearance);
    }

    private Set<Role> roles(List<String> names, FieldProblems.Collector problems) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            try {
                roles.add(Role.valueOf(name.strip()));
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.reject("roles", "accounts.error.roleUnknown", String.valueOf(name));
                return roles;
            }
        }
        if (roles.isEmpty()) {
            problems.reject("roles", "accounts.error.rolesRequired");
            return roles;
        }
        List<Role> separated = roles.stream().filter(Role.SEPARATED::contains).toList();
        if (separated.size() > 1) {
            problems.reject("roles", "accounts.error.separated", names(separated));
            return roles;
        }
        // Those who oversee (security admins, auditors) take no part in the departments' work.
        List<Role> oversight = separated.stream().filter(r -> r != Role.PLATFORM_ADMIN).toList();
        List<Role> scoped = roles.stream().filter(Role.TENANT_SCOPED::contains).toList();
        if (!oversight.isEmpty() && !scoped.isEmpty()) {
            problems.reject("roles", "accounts.error.oversightAlone", names(oversight), names(scoped));
        }
        return roles;
    }

    /** The roles' names in the reader's language, as one message argument. */
    private static DefaultMessageSourceResolvable names(List<Role> roles) {
        String[] codes = {"accounts.roleList." + roles.size()};
        Object[] args = roles.stream().map(r -> new DefaultMessageSourceResolvable("accounts.role." + r.name()))
                .toArray();
        return new DefaultMessageSourceResolvable(codes, args);
    }
}
