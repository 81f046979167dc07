package io.vsip4x.portal.storage;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmActions.ActionState;
import io.vsip4x.portal.vms.VmGuard;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;

/** What a VM's backups page and its JSON twin show: one place, so both tell the same. */
@Component
class BackupPages {

    private static final Set<OperationKind> KINDS = Set.of(OperationKind.BACKUP_VM, OperationKind.RESTORE_VM,
            OperationKind.DELETE_BACKUP);

    private final VmGuard guard;
    private final BackupStore store;
    private final BackupTargets targets;
    private final QuotaService quotas;
    private final SnapshotListing snapshots;
    private final MessageSource messages;

    BackupPages(VmGuard guard, BackupStore store, BackupTargets targets, QuotaService quotas,
            SnapshotListing snapshots, MessageSource messages) {
        this.guard = guard;
        this.store = store;
        this.targets = targets;
        this.quotas = quotas;
        this.snapshots = snapshots;
        this.messages = messages;
    }

    /**
     * One backup.
     *
     * @param backupId   the platform's id, or {@code null} while it is being made or when it failed
     * @param state      {@code PENDING} (being made), {@code ACTIVE} or {@code FAILED}
     * @param resultCode the platform's code of a failed backup, or {@code null}
     * @param createdBy  who asked for it
     * @param backupTime when the platform made it, or {@code null}
     */
    record BackupView(String backupId, String name, String description, boolean memorySnapshot, boolean checksum,
            long sizeBytes, String state, String resultCode, String createdBy, Instant backupTime,
            Instant requestedAt, Long operationId) {
    }

    /** The backups of a VM {@code user} may see, newest first (404 otherwise). */
    List<BackupView> list(CurrentUser user, String vmId) {
        guard.visible(user, vmId, BackupService.VIEW);
        return store.listed(vmId).stream().map(r -> new BackupView(r.backupId(), r.name(), r.description(),
                r.memorySnapshot(), r.checksum(), r.sizeBytes(), r.state(), r.resultCode(), r.createdBy(),
                r.backupTime(), r.createdAt(), r.operationId())).toList();
    }

    /** Where the VM may be restored: the pools {@code user} may use, of at least its level, with their hosts. */
    List<BackupTargets.PoolOption> targets(CurrentUser user, String vmId) {
        return targets.of(user, guard.visible(user, vmId, BackupService.VIEW));
    }

    /**
     * Fills the page's model (its live part and the rest) for {@code user}, read in one
     * transaction so the list and the operations agree.
     */
    @Transactional(readOnly = true)
    void fill(CurrentUser user, String vmId, Model model, Locale locale) {
        Vm vm = guard.visible(user, vmId, BackupService.VIEW);
        boolean operate = guard.mayOperate(user, vm);
        model.addAttribute("vm", vm);
        model.addAttribute("backups", list(user, vmId));
        model.addAttribute("operate", operate);
        model.addAttribute("states", states(vm, locale));
        model.addAttribute("targets", operate ? targets.of(user, vm) : List.of());
        model.addAttribute("recent", snapshots.recent(vmId, KINDS, locale));
        model.addAttribute("polling", snapshots.underWay(vmId));
        model.addAttribute("maxDescription", BackupService.MAX_DESCRIPTION);
    }

    private Map<String, ActionState> states(Vm vm, Locale locale) {
        Map<String, ActionState> states = new HashMap<>();
        ActionState create = state("backup-create", vm, guard.refusal(vm, SnapshotService.UP, "2052"), locale);
        if (create.allowed() && !quotas.excesses(vm.tenantId(), vm.ownerId(), BackupService.ONE).isEmpty()) {
            create = new ActionState("backup-create", false,
                    messages.getMessage("backup.refused.quota", null, locale), null);
        }
        states.put("create", create);
        // A memory snapshot needs a running VM; a stopped one backs up without it.
        ActionState memory = create;
        if (create.allowed() && !BackupService.RUNNING.contains(vm.status())) {
            memory = new ActionState("backup-create", false, messages.getMessage(BackupService.MEMORY_NEEDS_RUNNING,
                    new Object[] {vm.name()}, locale), "2050");
        }
        states.put("memory", memory);
        states.put("restore", state("backup-restore", vm, guard.refusal(vm, SnapshotService.STOPPED, "2049"),
                locale));
        states.put("delete", state("backup-delete", vm, guard.refusal(vm, Set.of(), "2052"), locale));
        return states;
    }

    private ActionState state(String action, Vm vm, VmGuard.Refusal refusal, Locale locale) {
        return refusal == null ? new ActionState(action, true, null, null)
                : new ActionState(action, false, guard.explain(refusal, vm, action, locale), refusal.code());
    }
}
