package io.vsip4x.portal.storage;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.web.LiveUpdates;
import org.springframework.stereotype.Component;

/**
 * What every accepted snapshot or backup request does once its operation is queued: it is
 * audited as queued (the operation's outcome is logged later under the request's correlation id)
 * and the tenant's pages are told; the answer names the operation.
 */
@Component
class StorageAcceptance {

    private final AuditService audit;
    private final LiveUpdates live;

    StorageAcceptance(AuditService audit, LiveUpdates live) {
        this.audit = audit;
        this.live = live;
    }

    /**
     * Records that operation {@code operationId} on {@code vm} was queued for {@code auditAction}.
     *
     * @param snapId   the snapshot it is about, or {@code null}
     * @param backupId the backup it is about, or {@code null}
     * @param params   more audit parameters, each starting with {@code ", "}, or empty
     */
    StorageAccepted accepted(Vm vm, long operationId, String auditAction, String action, String snapId,
            String backupId, String params) {
        audit.event(auditAction)
                .target("VM", vm.vmId())
                .params("operation=" + operationId + (snapId == null ? "" : ", snapId=" + snapId)
                        + (backupId == null ? "" : ", backupId=" + backupId) + params)
                .result(AuditService.SUCCESS, null, "queued")
                .record();
        live.publish(vm.tenantId(), LiveUpdates.VMS);
        return new StorageAccepted(operationId, vm.vmId(), action, snapId, backupId);
    }
}
