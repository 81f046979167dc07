package io.vsip4x.portal.requests;

/**
 * A rule that approves a tenant's requests of one kind without anybody, when every figure of the
 * request is at or below each threshold the rule names ({@code null}: no limit on that figure).
 * A figure the request does not have (a lease of no set length) never passes a threshold on it.
 */
public record AutoApprovalRule(long id, RequestKind kind, Integer maxCpu, Long maxMemoryMb, Long maxDiskGb,
        Integer maxCount, Integer maxLeaseDays, Long maxDataDiskGb) {

    /** Whether {@code request} is small enough for this rule. */
    boolean covers(VmRequest request) {
        if (request.kind() != kind) {
            return false;
        }
        return within(request.cpu(), maxCpu) && within(request.memoryMb(), maxMemoryMb)
                && within(request.diskGb(), maxDiskGb) && within(request.count(), maxCount)
                && within(request.leaseDays(), maxLeaseDays) && within(request.dataDiskGb(), maxDataDiskGb);
    }

    private static boolean within(Number value, Number max) {
        if (max == null) {
            return true;
        }
        return value != null && value.longValue() <= max.longValue();
    }
}
