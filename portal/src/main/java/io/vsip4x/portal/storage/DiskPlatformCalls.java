package io.vsip4x.portal.storage;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.vms.VmPlatformCalls;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xClient;
import io.vsip4x.sdk.Vsip4xUnreachableException;
import io.vsip4x.sdk.model.DataDiskInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The synchronous data-disk methods not about a VM as the portal asks them (those about a VM go
 * through {@link VmPlatformCalls} with {@link #TEXTS}): an unreachable platform is a 503, a refusal
 * carries the spec's code with its text ({@code disk.error.code.*}) and the status
 * {@link VmPlatformCalls#statusOf} gives it; both are logged under the action's audit name,
 * whatever becomes of the caller's transaction.
 */
@Component
class DiskPlatformCalls {

    private static final Logger log = LoggerFactory.getLogger(DiskPlatformCalls.class);
    private static final long GIB = 1L << 30;
    /** The texts of the codes the data-disk methods answer ({@code disk.error.code.*}). */
    static final VmPlatformCalls.Texts TEXTS = new VmPlatformCalls.Texts("disk.error.code.",
            Set.of("2002", "2003", "2004", "2052", "2054", "2055"));

    private final PlatformClient platform;
    private final AuditService audit;

    DiskPlatformCalls(PlatformClient platform, AuditService audit) {
        this.platform = platform;
        this.audit = audit;
    }

    /**
     * Asks {@code call} of the platform for disk {@code diskName}.
     *
     * @return the platform's answer when it carried the work out
     * @throws PortalException             with the platform's code when it refused (status as
     *                                     {@link VmPlatformCalls#statusOf})
     * @throws PlatformUnavailableException when it cannot be reached
     */
    SdkResult require(String auditAction, String diskId, String diskName, String vmName,
            Function<Vsip4xClient, SdkResult> call) {
        SdkResult result;
        try {
            result = platform.call(call);
        } catch (Vsip4xUnreachableException e) {
            audit.event(auditAction).target("DATA_DISK", diskId).params("platform unreachable")
                    .result(AuditService.FAILURE, null, null).recordAlone();
            throw new PlatformUnavailableException(e);
        }
        if (!result.ok()) {
            log.info("The platform refused {} of data disk '{}' with code {}", auditAction, diskId, result.code());
            audit.event(auditAction).target("DATA_DISK", diskId).params(vmName == null ? null : "vm=" + vmName)
                    .result(AuditService.FAILURE, result.code(), result.info()).recordAlone();
            throw new PortalException(VmPlatformCalls.statusOf(result.code()), TEXTS.key(result.code()),
                    result.code(), diskName,
                    vmName == null ? "" : vmName, result.code()).audited();
        }
        return result;
    }

    /**
     * What the platform reports of disks {@code diskIds} ({@code getDataDisks}), by id, or
     * {@code null} when it cannot be asked.
     */
    Map<String, DataDiskInfo> describe(List<String> diskIds) {
        if (diskIds.isEmpty()) {
            return Map.of();
        }
        try {
            return platform.read(c -> c.getDataDisks(diskIds)).stream()
                    .collect(Collectors.toMap(DataDiskInfo::name, d -> d, (a, b) -> a));
        } catch (RuntimeException e) {
            log.info("Could not ask the platform for its data disks: {}", e.getMessage());
            return null;
        }
    }

    /** The platform's free data-disk storage in GiB, or {@code null} when it cannot be asked. */
    Long freeGb() {
        try {
            return platform.read(Vsip4xClient::checkDataDiskSpace) / GIB;
        } catch (RuntimeException e) {
            log.info("Could not ask the platform for its free data-disk storage: {}", e.getMessage());
            return null;
        }
    }
}
