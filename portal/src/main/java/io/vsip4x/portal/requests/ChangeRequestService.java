package io.vsip4x.portal.requests;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.requests.ChangeForms.DataDiskForm;
import io.vsip4x.portal.requests.ChangeForms.Limits;
import io.vsip4x.portal.requests.ChangeForms.QuotaForm;
import io.vsip4x.portal.requests.ChangeForms.RenewalForm;
import io.vsip4x.portal.requests.ChangeForms.ResizeForm;
import io.vsip4x.portal.requests.RequestRepository.NewChange;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.QuotaExceeded;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.tenancy.TenantService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmLifecycle;
import io.vsip4x.portal.vms.VmService;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.portal.web.PortalException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submitting the requests that change what exists: a VM's shape, its data disks, its lease,
 * and the tenant's quota. Each is checked against the spec's limits, the tenant's cap on one
 * VM and (as advice) what is left of the quota; only increases count against the quota.
 */
@Service
public class ChangeRequestService {

    static final long MAX_DATA_DISK_GB = 2 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    static final long MAX_LIMIT = 1_000_000_000L;

    private final RequestRepository requests;
    private final VmService vms;
    private final VmLeaseStore leases;
    private final DataDiskStore disks;
    private final TenantService tenants;
    private final QuotaService quotas;
    private final AuditService audit;
    private final LiveUpdates live;
    private final JsonMapper json;
    private final Clock clock;
    private final ZoneId zone;
    private final ApprovalWorkflow workflow;

    ChangeRequestService(RequestRepository requests, VmService vms, VmLeaseStore leases, DataDiskStore disks,
            TenantService tenants, QuotaService quotas, AuditService audit, LiveUpdates live, JsonMapper json,
            Clock clock, @Value("${portal.time-zone:Asia/Shanghai}") ZoneId zone, ApprovalWorkflow workflow) {
        this.requests = requests;
        this.vms = vms;
        this.leases = leases;
        this.disks = disks;
        this.tenants = tenants;
        this.quotas = quotas;
        this.audit = audit;
        this.live = live;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
        this.workflow = workflow;
    }

    /**
     * Asks for a new shape of a VM {@code user} owns.
     *
     * @throws FieldProblems  when a value breaks the spec's limits or the tenant's VM cap
     * @throws QuotaExceeded  when the increase does not fit what is left of the quota
     * @throws PortalException 404 when the VM is not theirs to see, 403 when not theirs, 409
     *                         when it is not live
     */
    @Transactional
    public long resize(CurrentUser user, String vmId, ResizeForm form) {
        Vm vm = ownVm(user, vmId);
        Tenant tenant = tenants.find(vm.tenantId()).orElseThrow();
        long diskGb = form.diskGb() == null ? vm.diskGb() : form.diskGb();
        ChangeValidator.checkResize(form, vm, tenant.vmCap());
        Quota delta = new Quota((long) form.cpu() - vm.cpu(), form.memoryMb() - vm.memoryMb(),
                diskGb - vm.diskGb(), 0);
        adviseQuota(tenant, user, delta);

        long id = requests.insertChange(new NewChange(tenant.id(), user.id(), RequestKind.RESIZE, vmId, form.cpu(),
                form.memoryMb(), diskGb, null, null, null, null, form.reason(), classification(vmId)));
        return submitted(tenant, id, "vm=" + vmId + ", cpu=" + form.cpu() + ", memoryMb=" + form.memoryMb()
                + ", diskGb=" + diskGb);
    }

    /**
     * Asks for a new data disk on a VM {@code user} owns, or for one of its disks to grow.
     *
     * @throws FieldProblems  when the size is out of range, the disk unknown or not larger
     * @throws QuotaExceeded  when the size (or growth) does not fit the data-disk quota
     * @throws PortalException as {@link #resize}
     */
    @Transactional
    public long dataDisk(CurrentUser user, String vmId, DataDiskForm form) {
        Vm vm = ownVm(user, vmId);
        Tenant tenant = tenants.find(vm.tenantId()).orElseThrow();
        String diskId = form.dataDiskId() == null || form.dataDiskId().isBlank() ? null : form.dataDiskId().strip();
        DataDiskStore.DataDisk disk = diskId == null ? null : disks.lock(diskId)
                .filter(d -> vmId.equals(d.vmId()) && "ACTIVE".equals(d.lifecycle())).orElse(null);
        ChangeValidator.checkDataDisk(form, diskId != null, disk, MAX_DATA_DISK_GB);
        if (disk != null) {
            refuseSecondExtend(disk);
        }
        long growth = disk == null ? form.sizeGb() : form.sizeGb() - disk.sizeGb();
        adviseQuota(tenant, user, new Quota(0, 0, 0, growth, 0, 0, 0));

        long id = requests.insertChange(new NewChange(tenant.id(), user.id(), RequestKind.DATA_DISK, vmId, null,
                null, null, diskId, form.sizeGb(), null, null, form.reason(), classification(vmId)));
        return submitted(tenant, id, "vm=" + vmId + ", disk=" + (diskId == null ? "new" : diskId) + ", sizeGb="
                + form.sizeGb());
    }

    /**
     * What a person asks for as a new data disk.
     *
     * @param vmId   the VM it is for, or {@code null} for a disk on its own
     * @param name   its name in the portal
     * @param sizeGb its size
     * @param repoId the pool of a disk on its own (a VM's disk goes to the VM's pool)
     * @param reason why
     */
    public record NewDataDisk(String vmId, String name, Long sizeGb, String repoId, String reason) {
    }

    /** A data-disk request submitted: the request, and the disk it creates or grows. */
    public record DiskRequest(long requestId, String diskId) {
    }

    /**
     * Asks for a new data disk, for a VM {@code user} owns or on its own in one of {@code pools}
     * (the pools they may use, by id, with their classification). The disk carries the higher of
     * its VM's level and its pool's. With {@code approval} it waits for the tenant's approvers;
     * without, it is approved at once (quota checked and held under the tenant's lock) and created.
     *
     * @throws FieldProblems  when the name, size, pool or reason is not acceptable
     * @throws QuotaExceeded  when the size does not fit the data-disk quota
     * @throws PortalException as {@link #resize}
     */
    @Transactional
    public DiskRequest newDataDisk(CurrentUser user, NewDataDisk disk, Map<String, Integer> pools,
            boolean approval) {
        Vm vm = disk.vmId() == null ? null : ownVm(user, disk.vmId());
        if (vm == null && (user.tenantId() == null || !user.has(Role.USER))) {
            throw PortalException.forbidden("error.request.noTenant");
        }
        Tenant tenant = tenants.find(user.tenantId()).orElseThrow();
        FieldProblems.Collector problems = new FieldProblems.Collector();
        RequestValidator.checkText("name", disk.name(), 100, "change.error.dataDiskName", problems);
        if (disk.sizeGb() == null) {
            problems.reject("sizeGb", "request.error.required");
        } else if (disk.sizeGb() < 1 || disk.sizeGb() > MAX_DATA_DISK_GB) {
            problems.reject("sizeGb", "change.error.dataDiskSize", MAX_DATA_DISK_GB);
        }
        if (vm == null && (disk.repoId() == null || !pools.containsKey(disk.repoId()))) {
            problems.reject("repoId", "change.error.dataDiskPool");
        }
        RequestValidator.checkReason(disk.reason(), approval, problems);
        problems.throwIfAny();
        checkDiskQuota(tenant, user, new Quota(0, 0, 0, disk.sizeGb(), 0, 0, 0), approval);

        String vmId = vm == null ? null : vm.vmId();
        String repoId = vm == null ? disk.repoId() : vm.repoId();
        int classification = Math.max(pools.getOrDefault(repoId, 0), vm == null ? 0 : classification(vmId));
        long id = requests.insertChange(new NewChange(tenant.id(), user.id(), RequestKind.DATA_DISK, vmId, null,
                null, null, null, disk.sizeGb(), null, null, reasonOrEmpty(disk.reason()), classification));
        String diskId = "dd-" + HexFormat.of().formatHex(randomBytes());
        disks.insertRequested(new DataDiskStore.DataDisk(diskId, disk.name().strip(), tenant.id(), user.id(), vmId,
                id, disk.sizeGb(), "REQUESTED"), repoId, classification);
        submitted(tenant, id, "vm=" + vmId + ", disk=" + diskId + ", sizeGb=" + disk.sizeGb(), approval);
        return new DiskRequest(id, diskId);
    }

    /**
     * Asks for data disk {@code diskId} to grow to {@code sizeGb}: one of VM {@code vmId}, which
     * {@code user} owns, or ({@code vmId} {@code null}) a detached disk of theirs. Without
     * {@code approval} it is approved at once, as {@link #newDataDisk}. The disk's row is locked,
     * so a second extend waits and is refused while the first is open.
     *
     * @throws FieldProblems  as {@link #dataDisk}
     * @throws QuotaExceeded  as {@link #dataDisk}
     * @throws PortalException as {@link #resize}; 403 for a detached disk that is not theirs; 409
     *                         (2052) while another extend of the disk is open
     */
    @Transactional
    public DiskRequest extendDataDisk(CurrentUser user, String vmId, String diskId, Long sizeGb, String reason,
            boolean approval) {
        Vm vm = vmId == null ? null : ownVm(user, vmId);
        if (vm == null && (user.tenantId() == null || !user.has(Role.USER))) {
            throw PortalException.forbidden("error.request.noTenant");
        }
        Tenant tenant = tenants.find(user.tenantId()).orElseThrow();
        DataDiskForm form = new DataDiskForm(diskId, sizeGb, reason);
        DataDiskStore.DataDisk disk = disks.lock(diskId)
                .filter(d -> Objects.equals(vmId, d.vmId()) && "ACTIVE".equals(d.lifecycle())
                        && d.tenantId() == tenant.id()).orElse(null);
        if (vm == null && disk != null && disk.ownerId() != user.id()) {
            throw PortalException.forbidden("disk.error.forbidden", disk.name());
        }
        ChangeValidator.checkDataDisk(form, true, disk, MAX_DATA_DISK_GB, approval);
        refuseSecondExtend(disk);
        checkDiskQuota(tenant, user, new Quota(0, 0, 0, sizeGb - disk.sizeGb(), 0, 0, 0), approval);

        int classification = vm == null ? disks.classificationOf(diskId) : classification(vmId);
        long id = requests.insertChange(new NewChange(tenant.id(), user.id(), RequestKind.DATA_DISK, vmId, null,
                null, null, diskId, sizeGb, null, null, reasonOrEmpty(reason), classification));
        submitted(tenant, id, "vm=" + vmId + ", disk=" + diskId + ", sizeGb=" + sizeGb, approval);
        return new DiskRequest(id, diskId);
    }

    /**
     * Asks for a later end of the lease of a VM {@code user} owns.
     *
     * @throws FieldProblems  when the VM has no lease, or the date is unreadable, not later than
     *                        the current end, or beyond the tenant's longest lease
     * @throws PortalException as {@link #resize}
     */
    @Transactional
    public long renewal(CurrentUser user, String vmId, RenewalForm form) {
        Vm vm = ownVm(user, vmId);
        Tenant tenant = tenants.find(vm.tenantId()).orElseThrow();
        VmLeaseStore.LeaseInfo lease = leases.find(vmId).orElseThrow();
        FieldProblems.Collector problems = new FieldProblems.Collector();
        LocalDate until = readDate(form.leaseUntil(), problems);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (lease.leaseExpiresAt() == null) {
            problems.reject("leaseUntil", "change.error.noLease");
        } else if (until != null) {
            LocalDate current = LocalDate.ofInstant(lease.leaseExpiresAt(), zone);
            if (!until.isAfter(current)) {
                problems.reject("leaseUntil", "change.error.leaseNotLater", current.toString());
            } else if (tenant.leaseMaxDays() != null && until.isAfter(today.plusDays(tenant.leaseMaxDays()))) {
                problems.reject("leaseUntil", "change.error.leaseTooLong", tenant.leaseMaxDays(),
                        today.plusDays(tenant.leaseMaxDays()).toString());
            }
        }
        RequestValidator.checkReason(form.reason(), problems);
        problems.throwIfAny();

        Instant end = endOf(until);
        long id = requests.insertChange(new NewChange(tenant.id(), user.id(), RequestKind.RENEWAL, vmId, null,
                null, null, null, null, end, null, form.reason(), lease.classification()));
        return submitted(tenant, id, "vm=" + vmId + ", leaseUntil=" + until);
    }

    /**
     * Asks, as a tenant admin, for new quota limits of their tenant; platform admins decide.
     *
     * @throws FieldProblems  when a limit is missing, negative or absurdly large
     * @throws PortalException 403 for anybody but a tenant admin of a tenant
     */
    @Transactional
    public long quota(CurrentUser user, QuotaForm form) {
        requireTenantAdmin(user);
        Tenant tenant = tenants.find(user.tenantId()).orElseThrow();
        ChangeValidator.checkQuota(form, MAX_LIMIT);
        Quota limits = form.limits().toQuota();

        long id = requests.insertChange(new NewChange(tenant.id(), user.id(), RequestKind.QUOTA, null, null, null,
                null, null, null, null, json.writeValueAsString(limits), form.reason(), 0));
        return submitted(tenant, id, "limits=" + json.writeValueAsString(limits));
    }

    /** The tenant's current limits, to fill the quota form. */
    @Transactional(readOnly = true)
    public Limits currentLimits(CurrentUser user) {
        requireTenantAdmin(user);
        return Limits.of(tenants.find(user.tenantId()).orElseThrow().quota());
    }

    private static void requireTenantAdmin(CurrentUser user) {
        if (user.tenantId() == null || !user.has(Role.TENANT_ADMIN)) {
            throw PortalException.forbidden("change.error.notTenantAdmin");
        }
    }

    /** The live data disks of a VM {@code user} may see, for the data-disk form. */
    @Transactional(readOnly = true)
    public List<DataDiskStore.DataDisk> disksOf(CurrentUser user, String vmId) {
        return disks.activeOn(vms.get(user, vmId).vmId());
    }

    /** The end of a VM's lease, or {@code null}, for the renewal form. */
    @Transactional(readOnly = true)
    public LocalDate leaseEnd(CurrentUser user, String vmId) {
        Instant end = leases.find(vms.get(user, vmId).vmId()).map(VmLeaseStore.LeaseInfo::leaseExpiresAt)
                .orElse(null);
        return end == null ? null : LocalDate.ofInstant(end, zone);
    }

    /** A lease "until" a day runs through that day, in the portal's time zone. */
    Instant endOf(LocalDate lastDay) {
        return lastDay.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1);
    }

    private Vm ownVm(CurrentUser user, String vmId) {
        if (user.tenantId() == null || !user.has(Role.USER)) {
            throw PortalException.forbidden("error.request.noTenant");
        }
        Vm vm = vms.get(user, vmId);
        if (vm.ownerId() != user.id()) {
            throw PortalException.forbidden("change.error.notOwner", vm.name());
        }
        if (vm.lifecycle() != VmLifecycle.ACTIVE) {
            throw PortalException.conflict("change.error.vmNotActive", vm.name());
        }
        return vm;
    }

    /** Refuses, with the numbers, an increase that does not fit what is left (advice: approval enforces). */
    private void adviseQuota(Tenant tenant, CurrentUser user, Quota delta) {
        List<QuotaExceeded.Excess> excesses = quotas.excesses(tenant.id(), user.id(), delta);
        if (!excesses.isEmpty()) {
            throw new QuotaExceeded(excesses);
        }
    }

    /**
     * Without approval the work is approved in this transaction: the tenant's quota is locked
     * before anything is written, so concurrent requests queue for it rather than deadlock.
     */
    private void checkDiskQuota(Tenant tenant, CurrentUser user, Quota delta, boolean approval) {
        if (approval) {
            adviseQuota(tenant, user, delta);
        } else {
            quotas.lockAndCheck(tenant.id(), user.id(), delta);
        }
    }

    /**
     * Refuses to grow {@code disk} while an extend of it is open (asked, approved or being done):
     * each extend is sent as growth over the size recorded now, so two would over-grow it.
     */
    private void refuseSecondExtend(DataDiskStore.DataDisk disk) {
        if (disks.extendOpen(disk.diskId())) {
            throw new PortalException(HttpStatus.CONFLICT, "disk.error.extendOpen", "2052", disk.name());
        }
    }

    private int classification(String vmId) {
        return leases.find(vmId).map(VmLeaseStore.LeaseInfo::classification).orElse(0);
    }

    private long submitted(Tenant tenant, long id, String params) {
        return submitted(tenant, id, params, true);
    }

    private long submitted(Tenant tenant, long id, String params, boolean approval) {
        audit.event("REQUEST_SUBMIT")
                .target("REQUEST", "request:" + id)
                .params(params)
                .record();
        if (approval) {
            workflow.submitted(id);
        } else {
            workflow.approveAtOnce(id);
        }
        live.publish(tenant.id(), LiveUpdates.REQUESTS);
        return id;
    }

    /** A reason left out (allowed where no approval is asked) is stored empty. */
    private static String reasonOrEmpty(String reason) {
        return reason == null || reason.isBlank() ? "" : reason;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static LocalDate readDate(String text, FieldProblems.Collector problems) {
        if (text == null || text.isBlank()) {
            problems.reject("leaseUntil", "request.error.required");
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.reject("leaseUntil", "change.error.leaseDate");
            return null;
        }
    }
}
