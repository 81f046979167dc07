package io.vsip4x.portal.identity;

import java.util.List;

/**
 * What a security admin enters to create or edit an account (the form and the API alike).
 *
 * @param username           the sign-in name (create only)
 * @param tenant             the tenant's code; {@code null} or blank for none
 * @param roles              role names, e.g. {@code USER}
 * @param clearance          0 to {@link AccountService#MAX_CLEARANCE}
 * @param password           the first password (create only); {@code null} or blank to have one made up
 * @param mustChangePassword whether the password must be changed at the first sign-in (create
 *                           only); {@code null} means yes
 * @param version            the version the edit started from (edit only)
 */
public record AccountForm(
        String username,
        String displayName,
        String email,
        String tenant,
        List<String> roles,
        Integer clearance,
        String password,
        Boolean mustChangePassword,
        Integer version) {

    public AccountForm {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** An empty form: no tenant, the user role, clearance 0, a forced password change. */
    static AccountForm blank() {
        return new AccountForm("", "", "", "", List.of(Role.USER.name()), 0, "", true, null);
    }

    /** The form of an existing account. */
    static AccountForm of(Account account) {
        return new AccountForm(account.username(), account.displayName(), account.email(),
                account.tenant() == null ? "" : account.tenant(),
                account.roles().stream().map(Enum::name).sorted().toList(), account.clearance(), null, null,
                account.version());
    }

    /** Whether {@code role} is chosen (pages use this with the role's name). */
    public boolean has(String role) {
        return roles.contains(role);
    }
}
