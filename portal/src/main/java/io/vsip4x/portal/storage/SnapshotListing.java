package io.vsip4x.portal.storage;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.platform.Operation;
import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.portal.platform.OperationService;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.VmOperationEntry;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.portal.tenancy.TenantVmSettingsService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmActions.ActionState;
import io.vsip4x.portal.vms.VmGuard;
import io.vsip4x.portal.vms.VmLifecycle;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.codes.ResultCodes;
import io.vsip4x.sdk.model.SnapshotInfo;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A VM's snapshots as its page and the API show them: the platform's list ({@code getVmSnaps})
 * merged with the portal's rows (who took each, the ones being taken). While nothing runs on the
 * VM the rows follow the platform: a snapshot taken elsewhere is recorded, one deleted elsewhere
 * marked gone, so the quota counts what exists. They follow a list only when no operation on the
 * VM was open before it was asked for, none is open after, and none was queued in between: an
 * operation that finished meanwhile has changed the rows after the list was read.
 */
@Component
class SnapshotListing {

    private static final Logger log = LoggerFactory.getLogger(SnapshotListing.class);
    /** How many of the VM's last operations are looked through for a page's recent ones. */
    private static final int RECENT = 30;

    private final VmGuard guard;
    private final SnapshotStore store;
    private final OperationService operations;
    private final PlatformClient platform;
    private final TransactionTemplate tx;
    private final QuotaService quotas;
    private final TenantVmSettingsService settings;
    private final MessageSource messages;

    SnapshotListing(VmGuard guard, SnapshotStore store, OperationService operations, PlatformClient platform,
            TransactionTemplate tx, QuotaService quotas, TenantVmSettingsService settings, MessageSource messages) {
        this.guard = guard;
        this.store = store;
        this.operations = operations;
        this.platform = platform;
        this.tx = tx;
        this.quotas = quotas;
        this.settings = settings;
        this.messages = messages;
    }

    /**
     * One snapshot.
     *
     * @param snapId      the platform's id, or {@code null} while it is being taken
     * @param state       {@code PENDING} (being taken) or {@code ACTIVE}
     * @param takenAt     when it was taken, or {@code null} while it is being taken
     * @param takenBy     who asked for it, or {@code null} when it was taken outside the portal
     * @param operationId the operation taking it, or {@code null}
     * @param note        the note its taker gave it in the portal, or {@code null}
     */
    record SnapshotView(String snapId, String state, Instant takenAt, String takenBy, Long operationId,
            String note) {
    }

    /**
     * A VM's snapshots.
     *
     * @param limit   how many snapshots the VM may hold
     * @param problem why the platform's list is missing (unreachable), or {@code null}
     */
    record Snapshots(String vmId, List<SnapshotView> snapshots, int limit, String problem) {
    }

    /** The snapshots of a VM {@code user} may see (404 otherwise). */
    Snapshots of(CurrentUser user, String vmId, Locale locale) {
        Vm vm = guard.visible(user, vmId, SnapshotService.VIEW);
        String problem = null;
        Map<String, Instant> times = new HashMap<>();
        if (vm.lifecycle() == VmLifecycle.ACTIVE) {
            // Read before the list, in this order: an operation queued after the first read shows in either.
            Optional<Long> latest = operations.latestFor(vmId).map(Operation::id);
            boolean idle = operations.openFor(vmId).isEmpty();
            try {
                List<SnapshotInfo> found = platform.read(c -> c.getVmSnaps(vmId));
                found.forEach(s -> times.put(s.snapId(), s.createdAt()));
                if (idle) {
                    tx.executeWithoutResult(s -> follow(vm, found, latest));
                }
            } catch (Vsip4xException e) {
                log.info("Could not list the snapshots of VM '{}': {}", vmId, e.getMessage());
                problem = messages.getMessage("snapshot.platformProblem", null, locale);
            }
        }
        List<SnapshotView> views = store.held(vmId).stream().map(r -> new SnapshotView(r.snapId(), r.state(),
                r.snapId() != null && times.get(r.snapId()) != null ? times.get(r.snapId()) : r.takenAt(),
                r.takenBy(), r.operationId(), r.note())).toList();
        return new Snapshots(vmId, views, settings.forTenant(vm.tenantId()).snapshotsPerVm(), problem);
    }

    /**
     * One recent operation of a kind a page shows.
     *
     * @param state    {@code QUEUED}, {@code SENDING}, {@code SENT} (all three under way), {@code DONE},
     *                 {@code FAILED}, or {@code TIMED_OUT}: failed without an answer from the platform
     * @param code     the platform's result code once it finished, or {@code null}
     * @param codeText the meaning of {@code code} in the reader's language (as the VM's history shows
     *                 it), or {@code null}
     * @param open     whether it is still under way
     */
    record Recent(long operationId, String operation, String state, String code, String codeText, boolean open,
            String actor, Instant createdAt) {
    }

    /** The VM's recent operations of {@code kinds}, newest first. */
    List<Recent> recent(String vmId, Set<OperationKind> kinds, Locale locale) {
        return operations.historyFor(vmId, RECENT).stream().filter(e -> kinds.contains(e.kind()))
                .map(e -> recent(e, locale)).toList();
    }

    private Recent recent(VmOperationEntry e, Locale locale) {
        boolean open = e.state().open();
        // An operation under way has no result yet, whatever code its sending left.
        String code = open ? null : e.resultCode();
        String codeText = code == null ? null : ResultCodes.find(code).map(c -> c.text(locale)).orElse(null);
        String method = e.kind().method();
        return new Recent(e.id(), messages.getMessage("operation." + method, null, method, locale),
                e.timedOut() ? "TIMED_OUT" : e.state().name(), code, codeText, open, e.actor(), e.createdAt());
    }

    /**
     * Whether an operation on the VM is under way: its page then also refreshes itself now and
     * then, in case a live update is missed.
     */
    boolean underWay(String vmId) {
        return !operations.openFor(vmId).isEmpty();
    }

    /** The VM {@code user} may see (404 otherwise). */
    Vm vm(CurrentUser user, String vmId) {
        return guard.visible(user, vmId, SnapshotService.VIEW);
    }

    /** Whether {@code user} may act on the VM's snapshots at all (its owner, its tenant's admins). */
    boolean mayOperate(CurrentUser user, String vmId) {
        return guard.mayOperate(user, guard.visible(user, vmId, SnapshotService.VIEW));
    }

    /** How taking, restoring and deleting stand on the VM for its page's buttons. */
    Map<String, ActionState> states(CurrentUser user, String vmId, Locale locale) {
        Vm vm = guard.visible(user, vmId, SnapshotService.VIEW);
        Map<String, ActionState> states = new HashMap<>();
        states.put("create", createState(vm, locale));
        states.put("restore", state("snapshot-restore", vm, guard.refusal(vm, SnapshotService.STOPPED, "2049"),
                locale));
        states.put("delete", state("snapshot-delete", vm, guard.refusal(vm, Set.of(), "2052"), locale));
        return states;
    }

    private ActionState createState(Vm vm, Locale locale) {
        ActionState state = state("snapshot-create", vm, guard.refusal(vm, SnapshotService.UP, "2052"), locale);
        if (!state.allowed()) {
            return state;
        }
        int limit = settings.forTenant(vm.tenantId()).snapshotsPerVm();
        if (store.countHeld(vm.vmId()) >= limit) {
            return new ActionState("snapshot-create", false,
                    messages.getMessage("snapshot.refused.perVm", new Object[] {vm.name(), limit}, locale), null);
        }
        if (!quotas.excesses(vm.tenantId(), vm.ownerId(), SnapshotService.ONE).isEmpty()) {
            return new ActionState("snapshot-create", false,
                    messages.getMessage("snapshot.refused.quota", null, locale), null);
        }
        return state;
    }

    private ActionState state(String action, Vm vm, VmGuard.Refusal refusal, Locale locale) {
        return refusal == null ? new ActionState(action, true, null, null)
                : new ActionState(action, false, guard.explain(refusal, vm, action, locale), refusal.code());
    }

    /**
     * Brings the VM's rows in line with the platform's list, unless an operation on the VM is under
     * way or was queued since the list was asked for (its newest operation is no longer {@code latest}).
     */
    private void follow(Vm vm, List<SnapshotInfo> found, Optional<Long> latest) {
        guard.lock(vm.vmId());
        if (!operations.openFor(vm.vmId()).isEmpty()
                || !operations.latestFor(vm.vmId()).map(Operation::id).equals(latest)) {
            log.debug("Snapshots of VM '{}' not followed: an operation ran while they were listed", vm.vmId());
            return;
        }
        List<SnapshotStore.SnapshotRow> rows = store.held(vm.vmId());
        Set<String> known = new HashSet<>();
        Deque<SnapshotStore.SnapshotRow> orphans = new ArrayDeque<>();
        for (SnapshotStore.SnapshotRow row : rows) {
            if (row.snapId() == null) {
                orphans.add(row);
            } else {
                known.add(row.snapId());
            }
        }
        Set<String> present = new HashSet<>();
        for (SnapshotInfo snap : found) {
            present.add(snap.snapId());
            if (known.contains(snap.snapId())) {
                continue;
            }
            // A snapshot whose event never named it (its operation was confirmed by a time-out) is the oldest orphan.
            if (!orphans.isEmpty()) {
                store.adopt(orphans.poll().id(), snap.snapId(), snap.createdAt());
            } else {
                store.insertFound(vm, snap.snapId(), snap.createdAt());
                log.info("VM '{}' has snapshot '{}' the portal did not take; recorded", vm.vmId(), snap.snapId());
            }
        }
        orphans.forEach(o -> store.abandon(o.id()));
        rows.stream().filter(r -> r.snapId() != null && !present.contains(r.snapId()))
                .forEach(r -> store.deleted(vm.vmId(), r.snapId()));
    }
}
