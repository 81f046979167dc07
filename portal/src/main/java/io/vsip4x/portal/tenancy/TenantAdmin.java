package io.vsip4x.portal.tenancy;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What platform admins do with tenants: create them, change their settings (guarded by the
 * tenant's optimistic version) and set their quota limits. Every change is audited; bad input
 * changes nothing.
 */
@Service
public class TenantAdmin {

    private final TenantService tenants;
    private final QuotaService quotas;
    private final CatalogService catalog;
    private final AuditService audit;

    TenantAdmin(TenantService tenants, QuotaService quotas, CatalogService catalog, AuditService audit) {
        this.tenants = tenants;
        this.quotas = quotas;
        this.catalog = catalog;
        this.audit = audit;
    }

    /** A tenant with what its form and pages show. */
    public record Details(Tenant tenant, Grants grants, int version) {
    }

    /**
     * Every tenant, by code.
     *
     * @throws PortalException 403 unless {@code user} is a platform admin
     */
    @Transactional(readOnly = true)
    public List<Tenant> list(CurrentUser user) {
        requirePlatformAdmin(user);
        return tenants.all();
    }

    /**
     * One tenant's settings.
     *
     * @throws PortalException 403 unless a platform admin, 404 when there is no such tenant
     */
    @Transactional(readOnly = true)
    public Details get(CurrentUser user, String code) {
        requirePlatformAdmin(user);
        return details(find(code));
    }

    /**
     * A tenant by code, for callers that check who may see it themselves.
     *
     * @throws PortalException 404 when there is none
     */
    @Transactional(readOnly = true)
    public Tenant find(String code) {
        return tenants.findByCode(code == null ? "" : code)
                .orElseThrow(() -> PortalException.notFound("tenant.error.notFound", code));
    }

    /**
     * Creates a tenant from a form.
     *
     * @return its code
     * @throws FieldProblems on bad input (a taken code included); nothing is saved then
     */
    @Transactional
    public String create(CurrentUser user, TenantForm form) {
        requirePlatformAdmin(user);
        TenantValidator.Valid valid = TenantValidator.validate(form, catalog::all);
        Tenant s = valid.settings();
        if (tenants.codeTaken(s.code(), null)) {
            throw FieldProblems.of("code", "tenant.error.codeTaken", s.code());
        }
        long id;
        try {
            id = tenants.create(s.code(), s.name(), s.quota());
        } catch (DuplicateKeyException e) {
            throw FieldProblems.of("code", "tenant.error.codeTaken", s.code());
        }
        tenants.update(id, tenants.version(id), s);
        saveGrants(id, valid.grants());
        audit.event("TENANT_CREATE")
                .target("TENANT", "tenant:" + s.code())
                .params(describe(s, valid.grants()))
                .record();
        return s.code();
    }

    /**
     * Replaces a tenant's settings from a form read at the form's version.
     *
     * @return the (possibly new) code
     * @throws FieldProblems on bad input; PortalException 409 when somebody changed the tenant
     *                       since the form was read, 404 when it does not exist
     */
    @Transactional
    public String update(CurrentUser user, String code, TenantForm form) {
        requirePlatformAdmin(user);
        Tenant current = find(code);
        TenantValidator.Valid valid = TenantValidator.validate(form, catalog::all);
        Tenant s = valid.settings();
        if (valid.version() == null) {
            throw FieldProblems.of("version", "error.field.invalid");
        }
        if (tenants.codeTaken(s.code(), current.id())) {
            throw FieldProblems.of("code", "tenant.error.codeTaken", s.code());
        }
        boolean updated;
        try {
            updated = tenants.update(current.id(), valid.version(), s);
        } catch (DuplicateKeyException e) {
            throw FieldProblems.of("code", "tenant.error.codeTaken", s.code());
        }
        if (!updated) {
            throw PortalException.conflict("tenant.error.concurrent", current.code());
        }
        saveGrants(current.id(), valid.grants());
        audit.event("TENANT_UPDATE")
                .target("TENANT", "tenant:" + current.code())
                .params(describe(s, valid.grants()))
                .record();
        return s.code();
    }

    /**
     * Sets a tenant's seven limits (lowering them below usage is allowed: nothing more fits
     * until usage falls).
     *
     * @throws PortalException 403 unless a platform admin, 404 when there is no such tenant
     */
    @Transactional
    public QuotaService.Report setLimits(CurrentUser user, String code, Quota limits) {
        requirePlatformAdmin(user);
        Tenant tenant = find(code);
        tenants.lockForQuota(tenant.id());
        tenants.setQuota(tenant.id(), limits);
        audit.event("TENANT_QUOTA_SET")
                .target("QUOTA", "tenant:" + tenant.code())
                .params("limits=" + limits)
                .record();
        return quotas.report(tenant.id());
    }

    /**
     * Refuses everybody but platform admins.
     *
     * @throws PortalException 403 unless {@code user} is a platform admin
     */
    static void requirePlatformAdmin(CurrentUser user) {
        if (user == null || !user.has(Role.PLATFORM_ADMIN)) {
            throw PortalException.forbidden("error.forbidden");
        }
    }

    Details details(Tenant tenant) {
        Grants grants = new Grants(tenants.granted(tenant.id(), ResourceKind.TEMPLATE),
                tenants.granted(tenant.id(), ResourceKind.POOL), tenants.granted(tenant.id(), ResourceKind.NETWORK));
        return new Details(tenant, grants, tenants.version(tenant.id()));
    }

    private void saveGrants(long tenantId, Grants grants) {
        for (ResourceKind kind : ResourceKind.values()) {
            tenants.replaceGrants(tenantId, kind, grants.of(kind));
        }
    }

    private static String describe(Tenant s, Grants g) {
        return "name=" + s.name() + ", limits=" + s.quota() + ", vmCap=" + s.vmCap() + ", ceiling=" + s.ceiling()
                + ", leaseMaxDays=" + s.leaseMaxDays() + ", templates=" + g.templates() + ", pools=" + g.pools()
                + ", networks=" + g.networks();
    }
}
