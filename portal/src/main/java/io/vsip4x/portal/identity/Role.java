package io.vsip4x.portal.identity;

import java.util.EnumSet;
import java.util.Set;

/** What an account may do. Platform admin, security admin and auditor are kept apart. */
public enum Role {
    USER,
    TENANT_ADMIN,
    APPROVER,
    PLATFORM_ADMIN,
    SECURITY_ADMIN,
    AUDITOR;

    /** The three roles of which one account holds at most one. */
    public static final Set<Role> SEPARATED = EnumSet.of(PLATFORM_ADMIN, SECURITY_ADMIN, AUDITOR);

    /** The roles that act inside one tenant, so an account holding one needs a tenant. */
    public static final Set<Role> TENANT_SCOPED = EnumSet.of(USER, TENANT_ADMIN, APPROVER);

    /** The Spring Security authority of the role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
