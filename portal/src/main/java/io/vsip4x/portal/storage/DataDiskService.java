package io.vsip4x.portal.storage;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.Clearance;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.requests.ChangeRequestService;
import io.vsip4x.portal.requests.ChangeRequestService.DiskRequest;
import io.vsip4x.portal.requests.ChangeRequestService.NewDataDisk;
import io.vsip4x.portal.tenancy.QuotaExceeded;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.portal.tenancy.TenantVmSettingsService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmAction;
import io.vsip4x.portal.vms.VmGuard;
import io.vsip4x.portal.vms.VmPlatformCalls;
import io.vsip4x.portal.vms.VmService;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xClient;
import io.vsip4x.sdk.model.DataDiskInfo;
import io.vsip4x.sdk.model.PoolInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Data disks: the ones a person may see, new ones (through a request, approved at once where
 * the tenant asks no approval for disks), attaching and detaching them ({@code mountDataDisk},
 * {@code umountDataDisk}), growing them (a request) and deleting them ({@code deleteDataDisk}).
 * A disk is seen by whoever may see its VM, or, detached, by its owner and whoever sees the
 * whole tenant, up to their clearance; it is operated by its owner, the tenant's admins and
 * platform admins.
 */
@Service
class DataDiskService {

    static final String ATTACH = "disk-attach";
    static final String DETACH = "disk-detach";
    static final Set<Integer> SETTLED = Set.of(0, 1);
    /** Any answer, to look at the platform's result here: its texts name the code. */
    private static final SdkResult ANSWERED = new SdkResult("0", null, Map.of());
    /** The audit note of a disk refused beyond the quota ({@code audit.note.DATA_DISK_*.quota_exceeded}). */
    static final String QUOTA_NOTE = "quota exceeded";

    private final DataDiskRepository disks;
    private final DiskPlatformCalls calls;
    private final ChangeRequestService changes;
    private final TenantVmSettingsService settings;
    private final CatalogService catalog;
    private final VmGuard guard;
    private final VmService vms;
    private final AuditService audit;
    private final LiveUpdates live;
    private final VmPlatformCalls vmCalls;
    private final TransactionTemplate tx;
    private final QuotaService quotas;

    DataDiskService(DataDiskRepository disks, DiskPlatformCalls calls, ChangeRequestService changes,
            TenantVmSettingsService settings, CatalogService catalog, VmGuard guard, VmService vms,
            AuditService audit, LiveUpdates live, VmPlatformCalls vmCalls, TransactionTemplate tx,
            QuotaService quotas) {
        this.disks = disks;
        this.quotas = quotas;
        this.calls = calls;
        this.vmCalls = vmCalls;
        this.tx = tx;
        this.changes = changes;
        this.settings = settings;
        this.catalog = catalog;
        this.guard = guard;
        this.vms = vms;
        this.audit = audit;
        this.live = live;
    }

    /** A disk asked for: its request, whether it was approved at once, and the operation making it. */
    record Created(String diskId, long requestId, String vmId, boolean approvalNeeded, Long operationId) {
    }

    /** The disks {@code user} may see: their tenant's (every tenant's for platform admins). */
    @Transactional(readOnly = true)
    List<DataDiskView> list(CurrentUser user) {
        Long tenantId = user.has(Role.PLATFORM_ADMIN) ? null : user.tenantId();
        if (tenantId == null && !user.has(Role.PLATFORM_ADMIN)) {
            return List.of();
        }
        return withPlatform(disks.shown(tenantId).stream().filter(d -> visible(user, d)).map(DataDiskView::of)
                .toList());
    }

    /** The disks of a VM {@code user} may see. */
    @Transactional(readOnly = true)
    List<DataDiskView> ofVm(CurrentUser user, String vmId) {
        Vm vm = guard.visible(user, vmId, "DATA_DISK_LIST");
        return withPlatform(disks.onVm(vm.vmId()).stream().filter(d -> visible(user, d)).map(DataDiskView::of)
                .toList());
    }

    /** {@code views} with what the platform reports of those in use, when it can be asked. */
    private List<DataDiskView> withPlatform(List<DataDiskView> views) {
        Map<String, DataDiskInfo> found = calls.describe(views.stream().filter(DataDiskView::active)
                .map(DataDiskView::diskId).toList());
        if (found == null) {
            return views;
        }
        return views.stream().map(v -> {
            if (!v.active()) {
                return v;
            }
            DataDiskInfo info = found.get(v.diskId());
            return v.withPlatform(info == null ? new DataDiskView.PlatformSide(false, 0, null)
                    : new DataDiskView.PlatformSide(true, info.sizeBytes() >> 30, info.mounted() ? info.vmId()
                            : null));
        }).toList();
    }

    /**
     * The detached disks {@code user} may attach to {@code vm}: its tenant's, in its pool, none
     * above the VM's classification.
     */
    @Transactional(readOnly = true)
    List<DataDiskView> attachable(CurrentUser user, Vm vm) {
        return disks.shown(vm.tenantId()).stream()
                .filter(d -> d.active() && d.vmId() == null && vm.repoId().equals(d.repoId()))
                .filter(d -> d.classification() <= vm.classification())
                .filter(d -> visible(user, d) && mayOperate(user, d))
                .map(DataDiskView::of).toList();
    }

    /** The pools {@code user} may put a disk of its own in, by id and name. */
    @Transactional(readOnly = true)
    List<PoolInfo> pools(CurrentUser user) {
        return user.tenantId() == null ? List.of() : catalog.forViewer(user).pools();
    }

    /** Whether a new disk of {@code user}'s tenant waits for approval. */
    @Transactional(readOnly = true)
    boolean approvalNeeded(CurrentUser user) {
        return user.tenantId() == null || settings.forTenant(user.tenantId()).dataDiskApproval();
    }

    /** The platform's free data-disk storage in GiB, or {@code null} when it cannot be asked. */
    Long freeGb() {
        return calls.freeGb();
    }

    /**
     * Asks for a new disk, for a VM or on its own; see
     * {@link ChangeRequestService#newDataDisk}.
     */
    Created create(CurrentUser user, NewDataDisk disk) {
        try {
            return tx.execute(status -> createNow(user, disk));
        } catch (QuotaExceeded e) {
            audit.event("DATA_DISK_CREATE")
                    .target("DATA_DISK", "new")
                    .params(AuditParams.of("name", disk.name(), "sizeGb", disk.sizeGb(), "vm", disk.vmId()))
                    .result(AuditService.DENIED, null, QUOTA_NOTE)
                    .recordAlone();
            throw e.audited();
        }
    }

    private Created createNow(CurrentUser user, NewDataDisk disk) {
        if (disk.vmId() != null) {
            requireRequester(user, disk.vmId(), "DATA_DISK_CREATE");
        }
        boolean approval = approvalNeeded(user);
        Map<String, Integer> pools = pools(user).stream()
                .collect(Collectors.toMap(PoolInfo::repositoryId, PoolInfo::classification, (a, b) -> a));
        DiskRequest asked = changes.newDataDisk(user, disk, pools, approval);
        audit.event("DATA_DISK_CREATE")
                .target("DATA_DISK", asked.diskId())
                .params(AuditParams.of("name", disk.name(), "sizeGb", disk.sizeGb(), "vm", disk.vmId(),
                        "request", asked.requestId(), "approval", approval))
                .record();
        live.publish(user.tenantId(), LiveUpdates.VMS);
        return new Created(asked.diskId(), asked.requestId(), disk.vmId(), approval,
                disks.operationOf(asked.requestId()).orElse(null));
    }

    /**
     * Asks for disk {@code diskId} to grow to {@code sizeGb}: one of VM {@code vmId}, or a
     * detached one ({@code vmId} {@code null}); as {@link #create}.
     */
    Created extend(CurrentUser user, String vmId, String diskId, Long sizeGb, String reason) {
        try {
            return tx.execute(status -> extendNow(user, vmId, diskId, sizeGb, reason));
        } catch (QuotaExceeded e) {
            audit.event("DATA_DISK_EXTEND")
                    .target("DATA_DISK", diskId)
                    .params(AuditParams.of("vm", vmId, "sizeGb", sizeGb))
                    .result(AuditService.DENIED, null, QUOTA_NOTE)
                    .recordAlone();
            throw e.audited();
        }
    }

    private Created extendNow(CurrentUser user, String vmId, String diskId, Long sizeGb, String reason) {
        if (vmId != null) {
            requireRequester(user, vmId, "DATA_DISK_EXTEND");
        }
        String onVm = vmId == null ? null : guard.visible(user, vmId, "DATA_DISK_EXTEND").vmId();
        DataDiskRow disk = disks.find(diskId).filter(d -> Objects.equals(onVm, d.vmId()) && visible(user, d))
                .orElseThrow(() -> notFound(diskId, "DATA_DISK_EXTEND"));
        if (onVm == null) {
            disks.forgetDeletedVm(diskId);
        }
        boolean approval = approvalNeeded(user);
        DiskRequest asked = changes.extendDataDisk(user, onVm, disk.diskId(), sizeGb, reason, approval);
        audit.event("DATA_DISK_EXTEND")
                .target("DATA_DISK", diskId)
                .params(AuditParams.of("vm", onVm, "sizeGb", sizeGb, "request", asked.requestId(),
                        "approval", approval))
                .record();
        live.publish(disk.tenantId(), LiveUpdates.VMS);
        return new Created(diskId, asked.requestId(), onVm, approval,
                disks.operationOf(asked.requestId()).orElse(null));
    }

    /**
     * Attaches detached disk {@code diskId} to VM {@code vmId} (stopped or running, nothing under
     * way). The VM's and the disk's rows are locked only to check and reserve the disk (recorded on
     * the VM); the platform is asked after, and its refusal frees the disk again. A disk below the
     * VM's classification takes the VM's; one above it is refused, so data never moves lower.
     *
     * @throws PortalException 404 when either is not the person's to see, 403 when they may only
     *                         look, 400 (2003) for a disk of another pool, 409 when the VM's state,
     *                         the disk's, its classification or the platform refuses
     */
    DataDiskView attach(CurrentUser user, String vmId, String diskId) {
        Vm vm = tx.execute(status -> reserve(user, vmId, diskId));
        DataDiskRow disk = disks.find(diskId).orElseThrow();
        try {
            ask(vm, "DATA_DISK_ATTACH", disk, c -> c.mountDataDisk(vm.vmId(), diskId));
        } catch (RuntimeException e) {
            tx.executeWithoutResult(status -> disks.release(diskId, vm.vmId()));
            live.publish(vm.tenantId(), LiveUpdates.VMS);
            throw e;
        }
        DataDiskRow attached = tx.execute(status -> {
            disks.raiseClassification(diskId, vm.classification());
            audit.event("DATA_DISK_ATTACH").target("DATA_DISK", diskId).params("vm=" + vm.vmId()).record();
            return disks.find(diskId).orElseThrow();
        });
        live.publish(vm.tenantId(), LiveUpdates.VMS);
        return DataDiskView.of(attached);
    }

    /** Checks an attach under the VM's and the disk's locks and records the disk on the VM. */
    private Vm reserve(CurrentUser user, String vmId, String diskId) {
        Vm vm = guard.operable(user, vmId, ATTACH, "DATA_DISK_ATTACH");
        DataDiskRow disk = operableDisk(user, diskId, "DATA_DISK_ATTACH");
        if (disk.tenantId() != vm.tenantId()) {
            throw notFound(diskId, "DATA_DISK_ATTACH");
        }
        if (!disk.active()) {
            throw refused("DATA_DISK_ATTACH", disk, HttpStatus.CONFLICT, VmAction.BUSY, "disk.error.notReady",
                    disk.name());
        }
        if (disk.vmId() != null) {
            throw refused("DATA_DISK_ATTACH", disk, HttpStatus.CONFLICT, "2054", "disk.error.attached",
                    disk.name(), disk.vmName() == null ? disk.vmId() : disk.vmName());
        }
        if (!vm.repoId().equals(disk.repoId())) {
            throw refused("DATA_DISK_ATTACH", disk, HttpStatus.BAD_REQUEST, VmPlatformCalls.INVALID,
                    "disk.error.otherPool", disk.name(), vm.name());
        }
        if (disk.classification() > vm.classification()) {
            throw refused("DATA_DISK_ATTACH", disk, HttpStatus.CONFLICT, null, "disk.error.classification",
                    disk.name(), vm.name(), disk.classification(), vm.classification());
        }
        guard.require(vm, SETTLED, VmAction.BUSY, ATTACH, "DATA_DISK_ATTACH");
        disks.attachTo(diskId, vm.vmId());
        return vm;
    }

    /**
     * Detaches disk {@code diskId} from VM {@code vmId}.
     *
     * @throws PortalException as {@link #attach}; 404 also when the disk is not on that VM
     */
    @Transactional
    DataDiskView detach(CurrentUser user, String vmId, String diskId) {
        Vm vm = guard.operable(user, vmId, DETACH, "DATA_DISK_DETACH");
        DataDiskRow disk = operableDisk(user, diskId, "DATA_DISK_DETACH");
        if (!vm.vmId().equals(disk.vmId()) || !disk.active()) {
            throw notFound(diskId, "DATA_DISK_DETACH");
        }
        guard.require(vm, SETTLED, VmAction.BUSY, DETACH, "DATA_DISK_DETACH");

        ask(vm, "DATA_DISK_DETACH", disk, c -> c.umountDataDisk(vm.vmId(), diskId));
        disks.attachTo(diskId, null);
        audit.event("DATA_DISK_DETACH").target("DATA_DISK", diskId).params("vm=" + vm.vmId()).record();
        live.publish(vm.tenantId(), LiveUpdates.VMS);
        return DataDiskView.of(disks.find(diskId).orElseThrow());
    }

    /**
     * Deletes detached disk {@code diskId}; its size returns to the quota. A disk the platform no
     * longer knows (2055) is gone already and recorded so.
     *
     * @throws PortalException 404 or 403 as {@link #attach}; 409 (2052) while it is attached or
     *                         being made
     */
    @Transactional
    void delete(CurrentUser user, String diskId) {
        DataDiskRow disk = operableDisk(user, diskId, "DATA_DISK_DELETE");
        if (!disk.active()) {
            throw refused("DATA_DISK_DELETE", disk, HttpStatus.CONFLICT, VmAction.BUSY, "disk.error.notReady",
                    disk.name());
        }
        if (disk.vmId() != null) {
            throw refused("DATA_DISK_DELETE", disk, HttpStatus.CONFLICT, VmAction.BUSY,
                    "disk.error.deleteAttached", disk.name(), disk.vmName() == null ? disk.vmId() : disk.vmName());
        }
        String code = "0";
        try {
            code = calls.require("DATA_DISK_DELETE", diskId, disk.name(), null, c -> c.deleteDataDisk(diskId))
                    .code();
        } catch (PortalException e) {
            if (!"2055".equals(e.code())) {
                throw e;
            }
            code = e.code();
        }
        disks.deleted(diskId);
        audit.event("DATA_DISK_DELETE").target("DATA_DISK", diskId)
                .params(AuditParams.of("name", disk.name(), "sizeGb", disk.sizeGb()))
                .result(AuditService.SUCCESS, code, null).record();
        live.publish(disk.tenantId(), LiveUpdates.VMS);
    }

    /**
     * Asks the platform about {@code disk} on {@code vm} through {@link VmPlatformCalls}: its
     * refusal with the status of its code and the disk's text of it (which names the code).
     */
    private void ask(Vm vm, String auditAction, DataDiskRow disk, Function<Vsip4xClient, SdkResult> call) {
        String params = "disk=" + disk.diskId();
        SdkResult result = vmCalls.call(vm, auditAction, params, call, answer -> ANSWERED,
                DiskPlatformCalls.TEXTS);
        if (!result.ok()) {
            throw vmCalls.refused(vm, auditAction, params, result.code(), DiskPlatformCalls.TEXTS, disk.name(),
                    vm.name(), result.code());
        }
    }

    /**
     * Refuses, as the VM's other actions do, a person who may see VM {@code vmId} but asks for
     * nothing (an approver or auditor without the user role): they may only look.
     */
    private void requireRequester(CurrentUser user, String vmId, String auditAction) {
        Vm vm = guard.visible(user, vmId, auditAction);
        if (user.tenantId() == null || !user.has(Role.USER)) {
            guard.denied(auditAction, "VM", vm.vmId(), null, "not permitted");
            throw PortalException.forbidden("disk.error.lookOnly", vm.name()).audited();
        }
    }

    /**
     * What is left of the data-disk quota for {@code user} in tenant {@code tenantId} (GiB), or
     * {@code null} when they ask for no disks there.
     */
    @Transactional(readOnly = true)
    Long quotaLeftGb(CurrentUser user, Long tenantId) {
        if (tenantId == null || !user.canRequest()) {
            return null;
        }
        return Math.max(0, quotas.left(tenantId, user.id()).dataDiskGb());
    }

    private DataDiskRow operableDisk(CurrentUser user, String diskId, String auditAction) {
        DataDiskRow disk = disks.lock(diskId).filter(d -> visible(user, d))
                .orElseThrow(() -> notFound(diskId, auditAction));
        if (!mayOperate(user, disk)) {
            guard.denied(auditAction, "DATA_DISK", diskId, null, "not permitted");
            throw PortalException.forbidden("disk.error.forbidden", disk.name()).audited();
        }
        return disk;
    }

    /** Whether {@code user} may see {@code disk}: as its VM, or as the tenant's VMs when detached. */
    boolean visible(CurrentUser user, DataDiskRow disk) {
        if (!Clearance.visible(user, disk.classification())) {
            return false;
        }
        if (disk.vmId() != null) {
            Vm vm = vms.find(disk.vmId()).orElse(null);
            if (vm != null && !VmService.visible(user, vm)) {
                return false;
            }
        }
        if (user.has(Role.PLATFORM_ADMIN)) {
            return true;
        }
        if (user.tenantId() == null || user.tenantId() != disk.tenantId()) {
            return false;
        }
        return user.seesWholeTenant() || user.id() == disk.ownerId();
    }

    private static boolean mayOperate(CurrentUser user, DataDiskRow disk) {
        if (user.has(Role.PLATFORM_ADMIN)) {
            return true;
        }
        return user.tenantId() != null && user.tenantId() == disk.tenantId()
                && (user.has(Role.TENANT_ADMIN) || user.id() == disk.ownerId());
    }

    private PortalException notFound(String diskId, String auditAction) {
        guard.denied(auditAction, "DATA_DISK", diskId, null, "not found or not visible");
        return PortalException.notFound("disk.error.notFound", diskId).audited();
    }

    private PortalException refused(String auditAction, DataDiskRow disk, HttpStatus status, String code, String key,
            Object... args) {
        guard.denied(auditAction, "DATA_DISK", disk.diskId(), code, key);
        return new PortalException(status, key, code, args).audited();
    }
}
