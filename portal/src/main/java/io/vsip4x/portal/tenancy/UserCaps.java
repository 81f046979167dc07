package io.vsip4x.portal.tenancy;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal caps inside a tenant: the tenant's people with their caps and usage, and setting or
 * clearing a cap (by the tenant's own admins or a platform admin). Every change is audited.
 */
@Service
public class UserCaps {

    private final JdbcClient jdbc;
    private final QuotaService quotas;
    private final AuditService audit;

    UserCaps(JdbcClient jdbc, QuotaService quotas, AuditService audit) {
        this.jdbc = jdbc;
        this.quotas = quotas;
        this.audit = audit;
    }

    /**
     * One person of a tenant.
     *
     * @param cap   their caps, or {@code null} when none is set
     * @param usage what their own work uses and holds
     */
    public record Member(long userId, String username, String displayName, QuotaService.PersonalCap cap,
            Usage usage) {

        /** The caps as the form shows them. */
        public CapForm form() {
            return CapForm.of(cap);
        }
    }

    /** Whether {@code user} may set the caps of {@code tenant}'s people: its tenant admins, platform admins. */
    public static boolean mayManage(CurrentUser user, Tenant tenant) {
        if (user == null) {
            return false;
        }
        return user.has(Role.PLATFORM_ADMIN)
                || (user.has(Role.TENANT_ADMIN) && user.tenantId() != null && user.tenantId() == tenant.id());
    }

    /**
     * The tenant's people by user name, each with caps and usage.
     *
     * @throws PortalException 403 unless {@code user} may manage the tenant
     */
    @Transactional(readOnly = true)
    public List<Member> members(CurrentUser user, Tenant tenant) {
        requireManager(user, tenant);
        return jdbc.sql("""
                SELECT id
                  FROM app_user
                 WHERE tenant_id = :tenant
                 ORDER BY username""")
                .param("tenant", tenant.id())
                .query(Long.class)
                .list()
                .stream()
                .map(id -> member(tenant.id(), id))
                .toList();
    }

    /**
     * Sets a person's caps; empty fields mean no cap of their own on that resource.
     *
     * @throws FieldProblems on bad input (nothing is saved); PortalException 403 unless the
     *                       caller may manage the tenant, 404 when the person is not of it
     */
    @Transactional
    public void set(CurrentUser user, Tenant tenant, long userId, CapForm form) {
        requireManager(user, tenant);
        String username = usernameIn(tenant, userId);
        FieldProblems.Collector problems = new FieldProblems.Collector();
        Long[] caps = new Long[Resource.values().length];
        for (Resource r : Resource.values()) {
            caps[r.ordinal()] = TenantValidator.optionalAmount(form.get(r), r.key(), problems);
        }
        problems.throwIfAny();
        jdbc.sql("""
                REPLACE INTO user_quota (user_id, cpu, memory_mb, disk_gb, data_disk_gb, vms, snapshots, backups)
                VALUES (:user, :cpu, :mem, :disk, :data, :vms, :snaps, :backups)""")
                .param("user", userId)
                .param("cpu", caps[0])
                .param("mem", caps[1])
                .param("disk", caps[2])
                .param("data", caps[3])
                .param("vms", caps[4])
                .param("snaps", caps[5])
                .param("backups", caps[6])
                .update();
        audit.event("USER_CAP_SET")
                .target("QUOTA", "user:" + username)
                .params("tenant=" + tenant.code() + ", caps=" + quotas.personalCap(userId).orElseThrow())
                .record();
    }

    /**
     * Removes a person's caps: only the tenant's quota limits them then.
     *
     * @throws PortalException as {@link #set}
     */
    @Transactional
    public void clear(CurrentUser user, Tenant tenant, long userId) {
        requireManager(user, tenant);
        String username = usernameIn(tenant, userId);
        jdbc.sql("DELETE FROM user_quota WHERE user_id = :user").param("user", userId).update();
        audit.event("USER_CAP_CLEAR")
                .target("QUOTA", "user:" + username)
                .params("tenant=" + tenant.code())
                .record();
    }

    private Member member(long tenantId, long userId) {
        String[] names = jdbc.sql("SELECT username, display_name FROM app_user WHERE id = :id")
                .param("id", userId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .single();
        return new Member(userId, names[0], names[1], quotas.personalCap(userId).orElse(null),
                quotas.usage(tenantId, userId));
    }

    private String usernameIn(Tenant tenant, long userId) {
        return jdbc.sql("SELECT username FROM app_user WHERE id = :id AND tenant_id = :tenant")
                .param("id", userId)
                .param("tenant", tenant.id())
                .query(String.class)
                .optional()
                .orElseThrow(() -> PortalException.notFound("tenant.error.noSuchMember", userId));
    }

    private static void requireManager(CurrentUser user, Tenant tenant) {
        if (!mayManage(user, tenant)) {
            throw PortalException.forbidden("error.forbidden");
        }
    }
}
