package io.vsip4x.portal.tenancy;

/**
 * A feature whose things count against quotas (VMs, data disks, snapshots, backups). The
 * {@link QuotaService} adds up every source; a source answers in the caller's transaction.
 */
public interface UsageSource {

    /**
     * What the source's things of a tenant use.
     *
     * @param userId one owner's things only, or {@code null} for the whole tenant
     */
    Usage usage(long tenantId, Long userId);
}
