package io.vsip4x.portal.admin.placement;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.platform.UnownedVms;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.QuotaExceeded;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.portal.tenancy.ResourceKind;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.tenancy.TenantService;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.VmSummary;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adopts a VM the platform has and the portal did not create into a tenant and an owner: the VM
 * must still be on the platform and recorded as unowned, the owner a member of the tenant cleared
 * for the VM's classification, the tenant granted the VM's pool, the VM within its per-VM size cap
 * and its quota able to hold the VM
 * (checked under the tenant's quota lock, as approvals do). The VM then joins the inventory as an
 * active VM of unknown template (an empty {@code template_id}) and counts in the tenant's quota.
 * Two adoptions of one VM wait for each other on its {@code unowned_vm} row: the second finds it
 * gone.
 */
@Service
class Adoption {

    private static final Logger log = LoggerFactory.getLogger(Adoption.class);
    static final String ACTION = "VM_ADOPT";
    /** The template of an adopted VM: the platform does not say which it was made from. */
    static final String UNKNOWN_TEMPLATE = "";
    private static final long MIB = 1024L * 1024L;
    private static final long GIB = 1024L * MIB;

    private final UnownedVms unowned;
    private final TenantService tenants;
    private final QuotaService quotas;
    private final PlatformClient platform;
    private final AuditService audit;
    private final LiveUpdates live;
    private final JdbcClient jdbc;

    Adoption(UnownedVms unowned, TenantService tenants, QuotaService quotas, PlatformClient platform,
            AuditService audit, LiveUpdates live, JdbcClient jdbc) {
        this.unowned = unowned;
        this.tenants = tenants;
        this.quotas = quotas;
        this.platform = platform;
        this.audit = audit;
        this.live = live;
        this.jdbc = jdbc;
    }

    /** Whom to adopt a VM for: a tenant's code and a user name of that tenant. */
    record Request(String tenant, String owner) {
    }

    /** An adopted VM. */
    record Adopted(String vmId, String name, String tenant, String owner, String repoId, int classification)
            implements java.io.Serializable {
    }

    private record Owner(long id, String username, Long tenantId, boolean enabled, int clearance) {

        boolean memberOf(long tenant) {
            return enabled && tenantId != null && tenantId == tenant;
        }
    }

    /**
     * Adopts {@code vmId} as {@code request} says.
     *
     * @throws FieldProblems               400: tenant or owner missing or unknown, owner not of the
     *                                     tenant or not cleared, pool not granted
     * @throws PortalException             404 when the VM is no longer on the platform or no longer unowned
     * @throws QuotaExceeded               409 when the tenant's quota cannot hold it
     * @throws PlatformUnavailableException when the platform cannot be asked
     */
    @Transactional
    public Adopted adopt(String vmId, Request request) {
        CurrentUser user = UserService.current();
        String asked = "tenant=" + cut(request.tenant()) + ", owner=" + cut(request.owner());
        FieldProblems.Collector problems = new FieldProblems.Collector();
        Tenant tenant = blank(request.tenant()) ? null : tenants.findByCode(request.tenant().strip()).orElse(null);
        if (tenant == null) {
            problems.reject("tenant", blank(request.tenant()) ? "placement.adopt.field.tenant"
                    : "placement.adopt.field.tenantUnknown");
        }
        Owner owner = blank(request.owner()) ? null : owner(request.owner().strip()).orElse(null);
        if (owner == null) {
            problems.reject("owner", blank(request.owner()) ? "placement.adopt.field.owner"
                    : "placement.adopt.field.ownerUnknown");
        } else if (tenant != null && !owner.memberOf(tenant.id())) {
            problems.reject("owner", "placement.adopt.field.ownerNotInTenant", owner.username(), tenant.code());
        }
        String tenantCode = tenant == null ? null : tenant.code();
        refuseIf(problems, vmId, asked, user, tenantCode);
        // From here on the tenant and the owner are found: their names as the portal has them.
        String params = "tenant=" + tenant.code() + ", owner=" + owner.username();

        VmSummary vm = onPlatform(vmId, params, user, tenantCode);
        int level = Math.max(0, vm.classification());
        if (owner.clearance() < level) {
            problems.reject("owner", "placement.adopt.field.ownerNotCleared", owner.username(), level);
        }
        if (!tenants.granted(tenant.id(), ResourceKind.POOL).contains(vm.repoName())) {
            problems.reject("tenant", "placement.adopt.field.poolNotGranted", tenant.code(), vm.repoName());
        }
        Quota shape = new Quota(vm.cpu(), vm.memoryBytes() / MIB, vm.diskBytes() / GIB, 1);
        if (overCap(shape, tenant.vmCap())) {
            problems.reject("tenant", "placement.adopt.field.overCap", tenant.code(), shape.cpu(), shape.memoryMb(),
                    shape.diskGb());
        }
        refuseIf(problems, vmId, params, user, tenantCode);

        if (unowned.lock(vmId).isEmpty() || inInventory(vmId)) {
            denied(vmId, params, null, "placement.adopt.notUnowned", user, tenantCode);
            throw PortalException.notFound("placement.adopt.notUnowned", vmId).audited();
        }
        try {
            quotas.lockAndCheck(tenant.id(), owner.id(), shape);
        } catch (QuotaExceeded e) {
            denied(vmId, params, null, "quota_exceeded", user, tenantCode);
            throw e.audited();
        }
        insert(vm, tenant.id(), owner.id(), level, shape);
        unowned.remove(vmId);
        event(user, tenantCode).target("VM", vmId)
                .params(params + ", pool=" + vm.repoName() + ", classification=" + level)
                .result(AuditService.SUCCESS, null, null).record();
        live.publish(tenant.id(), LiveUpdates.VMS);
        log.info("VM '{}' adopted into tenant '{}' for '{}'", vmId, tenant.code(), owner.username());
        return new Adopted(vmId, vm.vmName(), tenant.code(), owner.username(), vm.repoName(), level);
    }

    /** Whether a VM of {@code shape} is larger than {@code cap} allows one VM of the tenant. */
    private static boolean overCap(Quota shape, Tenant.VmCap cap) {
        return cap != null && (cap.cpu() != null && shape.cpu() > cap.cpu()
                || cap.memoryMb() != null && shape.memoryMb() > cap.memoryMb()
                || cap.diskGb() != null && shape.diskGb() > cap.diskGb());
    }

    private VmSummary onPlatform(String vmId, String params, CurrentUser user, String tenantCode) {
        try {
            return platform.read(c -> c.searchVmList(Map.of("vmId", vmId))).stream()
                    .filter(v -> vmId.equals(v.vmId())).findFirst().orElseThrow(() -> {
                        denied(vmId, params, null, "placement.adopt.gone", user, tenantCode);
                        return PortalException.notFound("placement.adopt.gone", vmId).audited();
                    });
        } catch (Vsip4xException e) {
            log.warn("Could not ask the platform for VM '{}' to adopt it", vmId);
            event(user, tenantCode).target("VM", vmId).params(params)
                    .result(AuditService.FAILURE, null, "platform unreachable").recordAlone();
            throw new PlatformUnavailableException(e);
        }
    }

    private Optional<Owner> owner(String username) {
        return jdbc.sql("""
                SELECT u.id, u.username, u.tenant_id, u.enabled,
                       LEAST(u.clearance, COALESCE(t.classification_ceiling, u.clearance)) AS clearance
                  FROM app_user u
                  LEFT JOIN tenant t ON t.id = u.tenant_id
                 WHERE u.username = :name""")
                .param("name", username)
                .query((rs, n) -> new Owner(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class),
                        rs.getBoolean(4), rs.getInt(5)))
                .optional();
    }

    private boolean inInventory(String vmId) {
        return jdbc.sql("SELECT COUNT(*) FROM vm WHERE vm_id = :id").param("id", vmId)
                .query(Long.class).single() > 0;
    }

    private void insert(VmSummary vm, long tenantId, long ownerId, int level, Quota shape) {
        String name = vm.vmName() == null || vm.vmName().isBlank() ? vm.vmId() : vm.vmName();
        jdbc.sql("""
                INSERT INTO vm (vm_id, name, tenant_id, owner_id, request_id, template_id, repo_id, cpu,
                                memory_mb, disk_gb, network, lifecycle, status, host_id, classification)
                VALUES (:vmId, :name, :tenant, :owner, NULL, :template, :repo, :cpu,
                        :memory, :disk, NULL, 'ACTIVE', :status, :host, :level)""")
                .param("vmId", vm.vmId())
                .param("name", name.length() > 100 ? name.substring(0, 100) : name)
                .param("tenant", tenantId)
                .param("owner", ownerId)
                .param("template", UNKNOWN_TEMPLATE)
                .param("repo", vm.repoName())
                .param("cpu", shape.cpu())
                .param("memory", shape.memoryMb())
                .param("disk", shape.diskGb())
                .param("status", vm.status() < 0 ? null : vm.status())
                .param("host", vm.hostId())
                .param("level", level)
                .update();
    }

    private void refuseIf(FieldProblems.Collector problems, String vmId, String params, CurrentUser user,
            String tenantCode) {
        if (!problems.isEmpty()) {
            denied(vmId, params, null, "placement.adopt.invalid", user, tenantCode);
            problems.throwIfAny();
        }
    }

    /** Logs a refused adoption, kept whatever becomes of the caller's transaction. */
    private void denied(String vmId, String params, String code, String reason, CurrentUser user, String tenantCode) {
        event(user, tenantCode).target("VM", vmId).params(params).result(AuditService.DENIED, code, reason)
                .recordAlone();
    }

    /** An event by {@code user} under the tenant the VM is adopted into (when known), so that its admins see it. */
    private AuditService.Event event(CurrentUser user, String tenantCode) {
        return audit.event(ACTION).as(user == null ? "system" : user.username(), tenantCode,
                user == null ? null : user.roleList());
    }

    /** {@code text} as asked, cut to fit the operation log. */
    private static String cut(String text) {
        return text == null || text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
