package io.vsip4x.portal.audit;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Whose events a person may read: auditors every event; security admins the events of the
 * auditors (the security officer audits the auditor) and their own; tenant admins their tenant's;
 * everyone else their own.
 *
 * @param tenant the tenant code of {@link Kind#TENANT}, else {@code null}
 * @param actors the actors of {@link Kind#ACTORS} (for a security admin: every account now holding
 *               the auditor role, and themselves), else empty
 */
record AuditScope(Kind kind, String tenant, List<String> actors) {

    /** The kinds of scope, widest first. */
    enum Kind {
        ALL, TENANT, ACTORS
    }

    AuditScope {
        actors = List.copyOf(actors);
    }

    /**
     * The scope of {@code user}.
     *
     * @param auditors the accounts holding the auditor role, asked for only for a security admin
     */
    static AuditScope of(CurrentUser user, Supplier<List<String>> auditors) {
        if (user.has(Role.AUDITOR)) {
            return new AuditScope(Kind.ALL, null, List.of());
        }
        if (user.has(Role.SECURITY_ADMIN)) {
            List<String> actors = new ArrayList<>(auditors.get());
            actors.add(user.username());
            return new AuditScope(Kind.ACTORS, null, actors.stream().distinct().toList());
        }
        if (user.has(Role.TENANT_ADMIN) && user.tenantCode() != null) {
            return new AuditScope(Kind.TENANT, user.tenantCode(), List.of());
        }
        return new AuditScope(Kind.ACTORS, null, List.of(user.username()));
    }

    /** Whether the hourly counts (by tenant and result) can tell this scope's events apart. */
    boolean countedHourly() {
        return kind != Kind.ACTORS;
    }
}
