package io.vsip4x.portal.platform;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.codes.ResultCode;
import io.vsip4x.sdk.codes.VmStatus;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.VmSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares the platform's VMs ({@code searchVmList}, pool by pool) with the inventory and repairs
 * both ways: a VM the portal holds that the platform no longer knows is deleted (once
 * {@code resynVm} confirms it with 2004: a listing never counts as proof), a VM the platform has
 * that the portal does not is recorded as unowned ({@link UnownedVms}), a status or host that
 * drifted is corrected as a reconciliation report, and each VM's addresses are copied. Reads are
 * one query per pool and one of the inventory; only rows that changed are written. An answer it
 * cannot read, or an unreachable platform, stops the run before it changes anything.
 */
@Component
class InventoryReconciler {

    private static final Logger log = LoggerFactory.getLogger(InventoryReconciler.class);
    /** Disappearances confirmed one by one per run; more wait for the next run. */
    static final int MAX_CONFIRMATIONS = 200;
    private static final int CHUNK = 500;
    private static final int ADDRESSES_MAX = 255;

    private final PlatformClient platform;
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final UnownedVms unowned;
    private final AuditService audit;
    private final LiveUpdates live;
    private final OperationRepository operations;
    private final OperationFinisher finisher;

    InventoryReconciler(PlatformClient platform, JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx,
            ApplicationEventPublisher events, UnownedVms unowned, AuditService audit, LiveUpdates live,
            OperationRepository operations, OperationFinisher finisher) {
        this.platform = platform;
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = tx;
        this.events = events;
        this.unowned = unowned;
        this.audit = audit;
        this.live = live;
        this.operations = operations;
        this.finisher = finisher;
    }

    /**
     * What one run found and did.
     *
     * @param platformVms VMs the platform listed
     * @param vanished    VMs the portal held that the platform no longer knows, now deleted
     * @param unowned     VMs the platform has that the portal does not know
     * @param drifted     VMs whose status or host was corrected
     * @param addresses   VMs whose addresses were written
     */
    record Outcome(int platformVms, int vanished, int unowned, int drifted, int addresses) {
    }

    /** A VM of the inventory as the comparison needs it. */
    private record Held(String vmId, long tenantId, String lifecycle, Integer status, String hostId, long seq,
            String addresses) {
    }

    @Scheduled(fixedDelayString = "${portal.platform.inventory-interval:60s}",
            initialDelayString = "${portal.platform.inventory-interval:60s}")
    @SchedulerLock(name = "InventoryReconciler", lockAtMostFor = "PT10M", lockAtLeastFor = "PT30S")
    void scheduled() {
        try {
            reconcile();
        } catch (Vsip4xException e) {
            log.info("Inventory reconciliation skipped: the platform's VMs could not be read ({})", e.getMessage());
        }
    }

    /**
     * Runs one comparison.
     *
     * @throws Vsip4xException when the platform cannot be reached or gives an answer that cannot be
     *                         read; nothing is changed then
     */
    Outcome reconcile() {
        Map<String, Held> held = held();
        Map<String, VmSummary> listed = listPlatform();
        int vanished = vanished(held, listed);
        List<VmSummary> outside = outside(held, listed);
        tx.executeWithoutResult(s -> unowned.replaceWith(outside));
        int drifted = drifted(held, listed);
        int addresses = addresses(held, listed);
        Outcome outcome = new Outcome(listed.size(), vanished, outside.size(), drifted, addresses);
        log.debug("Inventory reconciled: {}", outcome);
        return outcome;
    }

    /** The VMs the portal holds as existing (active or being deleted). */
    private Map<String, Held> held() {
        Map<String, Held> held = new HashMap<>();
        jdbc.sql("""
                SELECT vm_id, tenant_id, lifecycle, status, host_id, status_seq, ip_addresses
                  FROM vm WHERE lifecycle IN ('ACTIVE', 'DELETING')""")
                .query(rs -> {
                    held.put(rs.getString(1), new Held(rs.getString(1), rs.getLong(2), rs.getString(3),
                            (Integer) rs.getObject(4, Integer.class), rs.getString(5), rs.getLong(6), rs.getString(7)));
                });
        return held;
    }

    /**
     * Every VM of every pool. A pool list that is empty, or a row without an id, is unreadable:
     * the run stops rather than take it for a platform without VMs.
     */
    private Map<String, VmSummary> listPlatform() {
        List<PoolInfo> pools = platform.call(c -> c.searchRepository(Map.of()));
        if (pools.isEmpty()) {
            throw new Vsip4xProtocolException("searchRepository", 200, "The platform listed no pools");
        }
        Map<String, VmSummary> listed = new LinkedHashMap<>();
        for (PoolInfo pool : pools) {
            for (VmSummary vm : platform.call(c -> c.searchVmList(Map.of("repoName", pool.repositoryId())))) {
                if (vm.vmId() == null || vm.vmId().isBlank()) {
                    throw new Vsip4xProtocolException("searchVmList", 200, "A listed VM has no id");
                }
                listed.put(vm.vmId(), vm);
            }
        }
        return listed;
    }

    /** Deletes the held VMs the platform confirms it no longer knows; returns how many. */
    private int vanished(Map<String, Held> held, Map<String, VmSummary> listed) {
        List<Held> missing = held.values().stream().filter(vm -> !listed.containsKey(vm.vmId())).toList();
        if (missing.size() > MAX_CONFIRMATIONS) {
            log.warn("{} VMs of the inventory are not listed by the platform; confirming {} this run",
                    missing.size(), MAX_CONFIRMATIONS);
        }
        int count = 0;
        for (Held vm : missing.subList(0, Math.min(missing.size(), MAX_CONFIRMATIONS))) {
            SdkResult answer = platform.call(c -> c.resynVm(vm.vmId()));
            if (ResultCode.VM_NOT_FOUND.code().equals(answer.code())) {
                tx.executeWithoutResult(s -> gone(vm));
                count++;
            }
        }
        return count;
    }

    /** Records that {@code vm} left the platform: deleted, its quota released, its open work ended. */
    private void gone(Held vm) {
        String deleted = OperationKind.DELETE_VM.successCode();
        events.publishEvent(new VmStateReported(vm.vmId(), OperationKind.DELETE_VM.method(), deleted, null, null, 0));
        for (Operation op : operations.openFor(vm.vmId())) {
            boolean deletion = op.kind() == OperationKind.DELETE_VM;
            finisher.finish(op.id(), deletion, deletion ? deleted : null,
                    deletion ? OperationTimeouts.CONFIRMED : "pipeline.operation.vmGone");
        }
        audit.event("VM_VANISHED")
                .as("platform", operations.tenantCodeOfVm(vm.vmId()), null)
                .target("VM", vm.vmId())
                .params("was=" + vm.lifecycle())
                .record();
        log.info("VM '{}' is no longer on the platform; it is deleted", vm.vmId());
    }

    /** The listed VMs the portal has no row for, in any state. */
    private List<VmSummary> outside(Map<String, Held> held, Map<String, VmSummary> listed) {
        List<String> candidates = listed.keySet().stream().filter(id -> !held.containsKey(id)).toList();
        Set<String> known = new HashSet<>();
        UnownedVms.inChunks(candidates, ids -> known.addAll(jdbc.sql("SELECT vm_id FROM vm WHERE vm_id IN (:ids)")
                .param("ids", ids).query(String.class).list()));
        return candidates.stream().filter(id -> !known.contains(id)).map(listed::get).toList();
    }

    /**
     * Corrects the status and host of held VMs that differ from the listing, unless an operation
     * on the VM is open (its callback or time-out settles it) or a callback changed the VM since
     * it was read (the listing may be older than that). A VM still creating in the portal is
     * reported as its creation's callback would, so that its request goes on.
     */
    private int drifted(Map<String, Held> held, Map<String, VmSummary> listed) {
        List<Held> candidates = new ArrayList<>();
        for (Held vm : held.values()) {
            VmSummary now = listed.get(vm.vmId());
            if (now != null && now.status() >= 0 && (!Objects.equals(vm.status(), now.status())
                    || now.hostId() != null && !now.hostId().equals(vm.hostId()))) {
                candidates.add(vm);
            }
        }
        Set<String> busy = busy(candidates);
        List<Held> apply = candidates.stream().filter(vm -> !busy.contains(vm.vmId())).toList();
        int[] count = {0};
        for (int from = 0; from < apply.size(); from += CHUNK) {
            List<Held> chunk = apply.subList(from, Math.min(apply.size(), from + CHUNK));
            tx.executeWithoutResult(s -> count[0] += correct(chunk, listed));
        }
        return count[0];
    }

    private Set<String> busy(List<Held> vms) {
        Set<String> busy = new HashSet<>();
        UnownedVms.inChunks(vms.stream().map(Held::vmId).toList(), ids -> busy.addAll(jdbc.sql("""
                SELECT DISTINCT vm_id FROM operation
                 WHERE vm_id IN (:ids) AND state IN ('QUEUED', 'SENDING', 'SENT')""")
                .param("ids", ids).query(String.class).list()));
        return busy;
    }

    private int correct(List<Held> chunk, Map<String, VmSummary> listed) {
        Map<String, Held> locked = new HashMap<>();
        jdbc.sql("""
                SELECT vm_id, tenant_id, lifecycle, status, host_id, status_seq
                  FROM vm WHERE vm_id IN (:ids) FOR UPDATE""")
                .param("ids", chunk.stream().map(Held::vmId).toList())
                .query(rs -> {
                    locked.put(rs.getString(1), new Held(rs.getString(1), rs.getLong(2), rs.getString(3),
                            (Integer) rs.getObject(4, Integer.class), rs.getString(5), rs.getLong(6), null));
                });
        int count = 0;
        for (Held before : chunk) {
            Held now = locked.get(before.vmId());
            if (now == null || !now.lifecycle().equals(before.lifecycle()) || now.seq() != before.seq()
                    || !Objects.equals(now.status(), before.status())
                    || !Objects.equals(now.hostId(), before.hostId())) {
                continue;
            }
            VmSummary vm = listed.get(before.vmId());
            boolean creating = Objects.equals(before.status(), VmStatus.CREATING.code());
            events.publishEvent(new VmStateReported(vm.vmId(), creating ? OperationKind.CREATE_VM.method()
                    : "resynVm", "0", vm.status(), vm.hostId(), 0));
            count++;
        }
        return count;
    }

    /** Writes the addresses of held VMs whose NICs changed; returns how many. */
    private int addresses(Map<String, Held> held, Map<String, VmSummary> listed) {
        List<Object[]> rows = new ArrayList<>();
        Set<Long> tenants = new HashSet<>();
        for (Held vm : held.values()) {
            VmSummary now = listed.get(vm.vmId());
            if (now == null) {
                continue;
            }
            String addresses = addresses(now);
            if (!Objects.equals(addresses, vm.addresses())) {
                rows.add(new Object[] {addresses, vm.vmId()});
                tenants.add(vm.tenantId());
            }
        }
        if (!rows.isEmpty()) {
            tx.executeWithoutResult(s -> {
                batch.batchUpdate("UPDATE vm SET ip_addresses = ? WHERE vm_id = ?", rows);
                tenants.forEach(t -> live.publish(t, LiveUpdates.VMS));
            });
        }
        return rows.size();
    }

    /** The IPv4 addresses of a listed VM's NICs ({@code vmNics[].IPAddress}), comma-separated in NIC order. */
    static String addresses(VmSummary vm) {
        if (!(vm.raw().get("vmNics") instanceof List<?> nics)) {
            return null;
        }
        String joined = nics.stream()
                .filter(Map.class::isInstance)
                .map(nic -> ((Map<?, ?>) nic).get("IPAddress"))
                .filter(Objects::nonNull)
                .map(Object::toString)
                .map(String::trim)
                .filter(ip -> !ip.isEmpty())
                .collect(Collectors.joining(","));
        while (joined.length() > ADDRESSES_MAX) {
            joined = joined.substring(0, joined.lastIndexOf(','));
        }
        return joined.isEmpty() ? null : joined;
    }
}
