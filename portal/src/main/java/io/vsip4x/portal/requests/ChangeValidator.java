package io.vsip4x.portal.requests;

import io.vsip4x.portal.requests.ChangeForms.DataDiskForm;
import io.vsip4x.portal.requests.ChangeForms.Limits;
import io.vsip4x.portal.requests.ChangeForms.QuotaForm;
import io.vsip4x.portal.requests.ChangeForms.ResizeForm;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.web.FieldProblems;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules of change requests: the spec's {@code modifyVm} limits (as {@code createVm}'s), the
 * tenant's cap on one VM, a system disk that only grows, data disks of 1 GiB to 2 TiB that only
 * grow, and quota limits that are whole numbers from zero.
 */
final class ChangeValidator {

    private ChangeValidator() {
    }

    /** @throws FieldProblems listing every problem of a resize of {@code vm} */
    static void checkResize(ResizeForm form, Vm vm, Tenant.VmCap cap) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        int maxCpu = cap.cpu() == null ? RequestValidator.MAX_CPU : Math.min(cap.cpu(), RequestValidator.MAX_CPU);
        long maxMemory = cap.memoryMb() == null ? RequestValidator.MAX_MEMORY_MB
                : Math.min(cap.memoryMb(), RequestValidator.MAX_MEMORY_MB);
        long maxDisk = cap.diskGb() == null ? RequestValidator.MAX_DISK_GB
                : Math.min(cap.diskGb(), RequestValidator.MAX_DISK_GB);

        if (form.cpu() == null) {
            problems.reject("cpu", "request.error.required");
        } else if (form.cpu() < 1 || form.cpu() > maxCpu) {
            problems.reject("cpu", "request.error.cpuRange", maxCpu);
        }
        if (form.memoryMb() == null) {
            problems.reject("memoryMb", "request.error.required");
        } else if (form.memoryMb() < RequestValidator.MEMORY_STEP_MB || form.memoryMb() > maxMemory
                || form.memoryMb() % RequestValidator.MEMORY_STEP_MB != 0) {
            problems.reject("memoryMb", "request.error.memoryRule", RequestValidator.MEMORY_STEP_MB, maxMemory);
        }
        if (form.diskGb() != null) {
            if (form.diskGb() < vm.diskGb()) {
                problems.reject("diskGb", "change.error.diskShrink", vm.diskGb());
            } else if (form.diskGb() > maxDisk) {
                problems.reject("diskGb", "request.error.diskRule", maxDisk);
            }
        }
        boolean same = form.cpu() != null && form.memoryMb() != null && form.cpu() == vm.cpu()
                && form.memoryMb() == vm.memoryMb() && (form.diskGb() == null || form.diskGb() == vm.diskGb());
        if (problems.isEmpty() && same) {
            problems.reject("cpu", "change.error.sameShape");
        }
        RequestValidator.checkReason(form.reason(), problems);
        problems.throwIfAny();
    }

    /**
     * @param growing whether the form names a disk to grow
     * @param disk    that disk, or {@code null} when it names none or one not live on the VM
     * @throws FieldProblems listing every problem of a data-disk request
     */
    static void checkDataDisk(DataDiskForm form, boolean growing, DataDiskStore.DataDisk disk, long maxGb) {
        checkDataDisk(form, growing, disk, maxGb, true);
    }

    /** As {@link #checkDataDisk(DataDiskForm, boolean, DataDiskStore.DataDisk, long)}, the reason optional. */
    static void checkDataDisk(DataDiskForm form, boolean growing, DataDiskStore.DataDisk disk, long maxGb,
            boolean reasonRequired) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        if (growing && disk == null) {
            problems.reject("dataDiskId", "change.error.dataDiskUnknown");
        }
        if (form.sizeGb() == null) {
            problems.reject("sizeGb", "request.error.required");
        } else if (form.sizeGb() < 1 || form.sizeGb() > maxGb) {
            problems.reject("sizeGb", "change.error.dataDiskSize", maxGb);
        } else if (disk != null && form.sizeGb() <= disk.sizeGb()) {
            problems.reject("sizeGb", "change.error.dataDiskNotLarger", disk.sizeGb());
        }
        RequestValidator.checkReason(form.reason(), reasonRequired, problems);
        problems.throwIfAny();
    }

    /** @throws FieldProblems naming each limit ({@code limits.cpu}, …) that is missing or out of range */
    static void checkQuota(QuotaForm form, long max) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        Limits limits = form.limits();
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("cpu", limits == null ? null : limits.cpu());
        values.put("memoryMb", limits == null ? null : limits.memoryMb());
        values.put("diskGb", limits == null ? null : limits.diskGb());
        values.put("dataDiskGb", limits == null ? null : limits.dataDiskGb());
        values.put("vms", limits == null ? null : limits.vms());
        values.put("snapshots", limits == null ? null : limits.snapshots());
        values.put("backups", limits == null ? null : limits.backups());
        values.forEach((key, value) -> {
            if (value == null) {
                problems.reject("limits." + key, "request.error.required");
            } else if (value < 0 || value > max) {
                problems.reject("limits." + key, "change.error.limitRange", max);
            }
        });
        RequestValidator.checkReason(form.reason(), problems);
        problems.throwIfAny();
    }
}
