package io.vsip4x.portal.storage;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.web.PortalException;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * The platform's refusals of the CD-ROM and template methods as portal errors: each code the
 * spec lists for a method has its own text ({@code cdrom.refused.{code}} or
 * {@code template.refused.{code}}, arguments the VM's name and the code); any other code the
 * general text ({@code ….refused.other}) with the code. Each refusal is written to the operation log
 * with its code, kept whatever becomes of the caller's transaction.
 */
final class CdromRefusals {

    /** The text prefix of the CD-ROM methods' refusals. */
    static final String CDROM = "cdrom.refused.";
    /** The text prefix of {@code buildTemplate}'s refusals. */
    static final String TEMPLATE = "template.refused.";

    private static final Set<String> CDROM_CODES = Set.of("2003", "2052", "2062", "2068", "2070", "2071");
    private static final Set<String> TEMPLATE_CODES = Set.of("2003", "2005", "2049", "2052");

    private CdromRefusals() {
    }

    /**
     * Logs the refusal of {@code auditAction} on {@code vm} and answers the error to throw: 404 for
     * an unknown image (2062), 400 for invalid parameters (2003), 409 otherwise.
     */
    static PortalException refused(AuditService audit, String auditAction, Vm vm, String code, String params,
            String prefix) {
        audit.event(auditAction)
                .target("VM", vm.vmId())
                .params(params)
                .result(AuditService.FAILURE, code, null)
                .recordAlone();
        HttpStatus status = switch (code) {
            case "2062" -> HttpStatus.NOT_FOUND;
            case "2003" -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.CONFLICT;
        };
        Set<String> known = CDROM.equals(prefix) ? CDROM_CODES : TEMPLATE_CODES;
        String key = prefix + (known.contains(code) ? code : "other");
        return new PortalException(status, key, code, vm.name(), code).audited();
    }

    /**
     * Logs a refusal the portal makes before asking the platform, for {@code reason} (plain words
     * for the log), and answers it as a 409 with {@code code} (a CD-ROM code).
     */
    static PortalException refusedHere(AuditService audit, String auditAction, Vm vm, String code, String reason) {
        audit.event(auditAction)
                .target("VM", vm.vmId())
                .params(reason)
                .result(AuditService.DENIED, code, reason)
                .recordAlone();
        return new PortalException(HttpStatus.CONFLICT, CDROM + code, code, vm.name(), code).audited();
    }
}
