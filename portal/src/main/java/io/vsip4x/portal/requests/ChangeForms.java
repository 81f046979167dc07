package io.vsip4x.portal.requests;

import io.vsip4x.portal.tenancy.Quota;

/** What a person asks for in a request that changes something that exists, as typed or sent. */
final class ChangeForms {

    private ChangeForms() {
    }

    /**
     * A new shape for a VM.
     *
     * @param diskGb the new system disk, or {@code null} to keep it (it can only grow)
     */
    record ResizeForm(Integer cpu, Long memoryMb, Long diskGb, String reason) {
    }

    /**
     * A new data disk for a VM, or a larger one.
     *
     * @param dataDiskId the disk to grow, or {@code null} (or blank) for a new one
     * @param sizeGb     the new disk's size, or the grown disk's new size
     */
    record DataDiskForm(String dataDiskId, Long sizeGb, String reason) {
    }

    /**
     * A later end of a VM's lease.
     *
     * @param leaseUntil the last day of the lease, as {@code yyyy-MM-dd}
     */
    record RenewalForm(String leaseUntil, String reason) {
    }

    /** New quota limits for the caller's tenant. */
    record QuotaForm(Limits limits, String reason) {
    }

    /** Quota limits as sent, each required; the keys are the API's. */
    record Limits(Long cpu, Long memoryMb, Long diskGb, Long dataDiskGb, Long vms, Long snapshots, Long backups) {

        static Limits of(Quota quota) {
            return new Limits(quota.cpu(), quota.memoryMb(), quota.diskGb(), quota.dataDiskGb(), quota.vms(),
                    quota.snapshots(), quota.backups());
        }

        Quota toQuota() {
            return new Quota(cpu, memoryMb, diskGb, dataDiskGb, vms, snapshots, backups);
        }
    }
}
