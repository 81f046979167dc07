package io.vsip4x.portal.tenancy;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What platform admins do with a tenant's VM settings ({@link TenantVmSettings}): read them (the
 * tenant's own admins may read them too) and replace them, audited; bad input changes nothing.
 */
@Service
public class TenantVmSettingsAdmin {

    /** The audit action of a change of a tenant's VM settings. */
    static final String CHANGED = "TENANT_VM_SETTINGS_CHANGED";

    private final TenantAdmin tenants;
    private final TenantVmSettingsService settings;
    private final AuditService audit;

    TenantVmSettingsAdmin(TenantAdmin tenants, TenantVmSettingsService settings, AuditService audit) {
        this.tenants = tenants;
        this.settings = settings;
        this.audit = audit;
    }

    /**
     * The settings as a form or a JSON body gives them; {@code null} where a value is missing.
     *
     * @param snapshotsPerVm 1 to {@link TenantVmSettings#MAX_SNAPSHOTS_PER_VM}
     * @param templatesMax   0 to {@link TenantVmSettings#MAX_TEMPLATES}; {@code null} keeps the current limit
     */
    public record Form(Integer snapshotsPerVm, Boolean templateBuilds, Boolean dataDiskApproval,
            Integer templatesMax) {

        /** A form that keeps the current limit of templates. */
        public Form(Integer snapshotsPerVm, Boolean templateBuilds, Boolean dataDiskApproval) {
            this(snapshotsPerVm, templateBuilds, dataDiskApproval, null);
        }
    }

    /** A tenant with its settings, and whether the reader may change them. */
    public record Current(Tenant tenant, TenantVmSettings settings, boolean editable) {
    }

    /**
     * The tenant {@code code} and its settings.
     *
     * @throws PortalException 404 when there is no such tenant, 403 unless {@code user} is a
     *                         platform admin or an admin of that tenant
     */
    @Transactional(readOnly = true)
    public Current get(CurrentUser user, String code) {
        Tenant tenant = tenants.find(code);
        if (!UserCaps.mayManage(user, tenant)) {
            throw PortalException.forbidden("error.forbidden");
        }
        return new Current(tenant, settings.forTenant(tenant.id()), user.has(Role.PLATFORM_ADMIN));
    }

    /**
     * Replaces the settings of tenant {@code code}.
     *
     * @throws FieldProblems   one message per bad or missing field
     * @throws PortalException 404 when there is no such tenant, 403 unless a platform admin
     */
    @Transactional
    public TenantVmSettings save(CurrentUser user, String code, Form form) {
        Tenant tenant = tenants.find(code);
        if (!user.has(Role.PLATFORM_ADMIN)) {
            audit.event(CHANGED)
                    .target("TENANT", "tenant:" + tenant.code())
                    .params("not permitted")
                    .result(AuditService.DENIED, null, "not permitted")
                    .recordAlone();
            throw PortalException.forbidden("error.forbidden").audited();
        }
        TenantVmSettings chosen = validate(tenant.id(), form, settings.forTenant(tenant.id()).templatesMax());
        settings.save(chosen, user.id());
        audit.event(CHANGED)
                .target("TENANT", "tenant:" + tenant.code())
                .params("snapshotsPerVm=" + chosen.snapshotsPerVm() + ", templateBuilds=" + chosen.templateBuilds()
                        + ", dataDiskApproval=" + chosen.dataDiskApproval()
                        + ", templatesMax=" + chosen.templatesMax())
                .record();
        return chosen;
    }

    /** The settings of {@code form} ({@code templatesMax} when it names no limit), or every problem it has. */
    static TenantVmSettings validate(long tenantId, Form form, int templatesMax) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        Integer snapshots = form.snapshotsPerVm();
        if (snapshots == null || snapshots < 1 || snapshots > TenantVmSettings.MAX_SNAPSHOTS_PER_VM) {
            problems.reject("snapshotsPerVm", "tenant.vmSettings.error.snapshots",
                    TenantVmSettings.MAX_SNAPSHOTS_PER_VM);
        }
        if (form.templateBuilds() == null) {
            problems.reject("templateBuilds", "tenant.vmSettings.error.required");
        }
        if (form.dataDiskApproval() == null) {
            problems.reject("dataDiskApproval", "tenant.vmSettings.error.required");
        }
        Integer max = form.templatesMax() == null ? templatesMax : form.templatesMax();
        if (max < 0 || max > TenantVmSettings.MAX_TEMPLATES) {
            problems.reject("templatesMax", "tenant.vmSettings.error.templatesMax", TenantVmSettings.MAX_TEMPLATES);
        }
        problems.throwIfAny();
        return new TenantVmSettings(tenantId, snapshots, form.templateBuilds(), form.dataDiskApproval(), max);
    }
}
