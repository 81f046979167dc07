package io.vsip4x.portal.storage;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmPlatformCalls;
import io.vsip4x.portal.web.PortalException;

/**
 * The CD-ROM refusals the portal makes itself, before asking the platform, with the code and text
 * ({@code cdrom.refused.{code}}, arguments the VM's name and the code) the platform would give;
 * each is written to the operation log, kept whatever becomes of the caller's transaction. The
 * platform's own refusals go through {@link VmPlatformCalls}.
 */
final class CdromRefusals {

    /** The text prefix of the CD-ROM methods' refusals. */
    static final String CDROM = "cdrom.refused.";

    private CdromRefusals() {
    }

    /**
     * Logs a refusal the portal makes before asking the platform, for {@code reason} (plain words
     * for the log), and answers it with {@code code} (a CD-ROM code) and the status the platform's
     * refusal with that code would have ({@link VmPlatformCalls#statusOf}).
     */
    static PortalException refusedHere(AuditService audit, String auditAction, Vm vm, String code, String reason) {
        audit.event(auditAction)
                .target("VM", vm.vmId())
                .params(reason)
                .result(AuditService.DENIED, code, reason)
                .recordAlone();
        return new PortalException(VmPlatformCalls.statusOf(code), CDROM + code, code, vm.name(), code).audited();
    }
}
