package io.vsip4x.portal.requests;

import io.vsip4x.portal.tenancy.Quota;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request as the API shows it.
 *
 * @param codes     the platform codes of its decisions, in order (2100, 2101, …)
 * @param decisions every decision, with who took it and why
 * @param vmIds     the VMs reserved or created for it
 * @param kind      what it asks for ({@link RequestKind}); the fields after it are those of
 *                  changes (the VM, the data disk and its size, the lease's end, the quota
 *                  limits asked for, an object with the seven resource keys), {@code null} where
 *                  the kind does not use them
 * @param leaseDays the lease a new VM asks for, in days ({@code null} for none)
 * @param undecidable      whether it waits at a level nobody (but its requester) can decide now
 * @param undecidableLevel that level, or {@code null}
 * @param imageId   INSTALL: the ISO image the VM is installed from ({@code templateId} is {@code null})
 * @param osType    INSTALL: the OS type asked for, {@code null} for the image's
 * @param osBits    INSTALL: the OS bits asked for, {@code null} for the image's
 */
public record RequestView(
        long id,
        String state,
        String requester,
        String templateId,
        String repoName,
        int cpu,
        long memoryMb,
        long diskGb,
        int count,
        String network,
        String reason,
        boolean powerOn,
        List<String> codes,
        List<Decision> decisions,
        List<String> vmIds,
        String failureCode,
        String failureInfo,
        Instant createdAt,
        int version,
        String kind,
        String vmId,
        String dataDiskId,
        Long dataDiskGb,
        Instant leaseUntil,
        Quota quotaLimits,
        Integer leaseDays,
        boolean undecidable,
        Integer undecidableLevel,
        String imageId,
        String osType,
        String osBits) {

    /** Reads stored limits; a resource missing from them reads as 0. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    static RequestView of(RequestService.Details d) {
        return of(d, null);
    }

    /** The view, with the level nobody can decide now ({@code null} when somebody can). */
    static RequestView of(RequestService.Details d, Integer undecidableLevel) {
        VmRequest r = d.request();
        return new RequestView(r.id(), r.state().name(), r.requesterName(), r.templateId(), r.repoId(), r.cpu(),
                r.memoryMb(), r.diskGb(), r.count(), r.network(), r.reason(), r.powerOn(), d.codes(), d.decisions(),
                d.vmIds(), r.failureCode(), r.failureInfo(), r.createdAt(), r.version(),
                r.kind().name(), r.vmId(), r.dataDiskId(), r.dataDiskGb(), r.leaseUntil(),
                limits(r.quotaLimits()), r.leaseDays(), undecidableLevel != null, undecidableLevel, r.imageId(),
                r.osType(), r.osBits());
    }

    /** The limits a quota request asks for, from their stored JSON ({@code null} stays {@code null}). */
    static Quota limits(String json) {
        return json == null ? null : JSON.readValue(json, Quota.class);
    }
}
