package io.vsip4x.simulator.state;

import io.vsip4x.simulator.inventory.Host;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The VMs, their event counters, the hosts' power state, the data disks, the VMs' snapshots and
 * backups and the fault switches.
 * Every method is atomic; a compound check-and-change holds this object's monitor
 * ({@code synchronized (state)}) around its calls.
 */
public final class PlatformState {

    private final Map<String, Vm> vms = new LinkedHashMap<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final Set<String> exhaustedPools = new HashSet<>();
    private final Map<String, Long> poolClassifications = new HashMap<>();
    private final Set<String> failingOperations = new HashSet<>();
    private final Map<String, Boolean> hostsOnline = new HashMap<>();
    private final Set<String> hostsStopping = new HashSet<>();
    private final Map<String, DataDisk> dataDisks = new LinkedHashMap<>();
    private final Map<String, Cdrom> cdroms = new LinkedHashMap<>();
    private final Map<String, VmSnapshot> vmSnapshots = new LinkedHashMap<>();
    private final Map<String, VmBackup> vmBackups = new LinkedHashMap<>();
    private final Map<String, GuestState> guests = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> vmAttributes = new HashMap<>();
    private final Map<String, BuiltTemplate> builtTemplates = new LinkedHashMap<>();
    private final Map<String, Instant> agentsStarting = new HashMap<>();
    private final Set<String> agentsStopped = new HashSet<>();
    private LocalDate licenceExpiry;
    private Duration guestAgentDelay = Duration.ZERO;

    /**
     * Whether {@code host} runs and takes work: as last set by {@link #setHostOnline}, else as the
     * inventory says; a host being shut down takes none.
     */
    public synchronized boolean online(Host host) {
        return !hostsStopping.contains(host.id()) && hostsOnline.getOrDefault(host.id(), host.online());
    }

    /**
     * Records that host {@code hostId} is being shut down ({@code true}): from now on it counts as
     * not running, so that no VM starts, is created or migrates onto it; or that it no longer is.
     * Not persisted, like the host operations in flight.
     */
    public synchronized void setHostStopping(String hostId, boolean stopping) {
        if (stopping) {
            hostsStopping.add(hostId);
        } else {
            hostsStopping.remove(hostId);
        }
    }

    /** {@code host} with its current power state, as {@link #online} tells it. */
    public synchronized Host live(Host host) {
        return host.withOnline(online(host));
    }

    /** Records that host {@code hostId} now runs ({@code true}) or is shut down. */
    public synchronized void setHostOnline(String hostId, boolean online) {
        hostsOnline.put(hostId, online);
    }

    /** The VM with id {@code vmId}. */
    public synchronized Optional<Vm> vm(String vmId) {
        return Optional.ofNullable(vms.get(vmId));
    }

    /** Every VM, in creation order. */
    public synchronized List<Vm> vms() {
        return List.copyOf(vms.values());
    }

    /**
     * Adds {@code vm} or replaces the VM of the same id; its guest session ends when its OS goes
     * down, and its guest agent starts {@link #setGuestAgentDelay the agent delay} after its OS
     * comes up (the VM reaches "running" other than from "paused", or a reboot finishes).
     */
    public synchronized void put(Vm vm) {
        Vm before = vms.put(vm.vmId(), vm);
        guests.computeIfPresent(vm.vmId(), (id, guest) -> guest.after(before, vm));
        boolean booted = vm.status() == 1 && (before == null || (before.status() != 1 && before.status() != 4));
        boolean rebooted = before != null && before.pending() != null && vm.pending() == null
                && "rebootVm".equals(before.pending().operation());
        if (booted || rebooted) {
            agentsStarting.put(vm.vmId(), Instant.now().plus(guestAgentDelay));
            agentsStopped.remove(vm.vmId());
        } else if (vm.status() != 1 && vm.status() != 4) {
            agentsStarting.remove(vm.vmId());
            agentsStopped.remove(vm.vmId());
        }
    }

    /** Sets how long a guest agent takes to start after its VM's OS comes up. Not persisted. */
    public synchronized void setGuestAgentDelay(Duration delay) {
        guestAgentDelay = delay;
    }

    /**
     * Whether the guest agent of {@code vm} answers: the VM runs, the agent has started since its
     * OS came up, and no test stopped it ({@link #setGuestAgentRunning}). A VM loaded running from
     * the state file has its agent running.
     */
    public synchronized boolean guestAgentOn(Vm vm) {
        if (vm.status() != 1 || agentsStopped.contains(vm.vmId())) {
            return false;
        }
        Instant from = agentsStarting.get(vm.vmId());
        return from == null || !Instant.now().isBefore(from);
    }

    /**
     * Stops ({@code false}) or starts ({@code true}, at once) the guest agent of VM {@code vmId},
     * as a person could inside the guest; the agent starts again when the OS comes up next. Not
     * persisted.
     */
    public synchronized void setGuestAgentRunning(String vmId, boolean running) {
        if (running) {
            agentsStopped.remove(vmId);
            agentsStarting.remove(vmId);
        } else {
            agentsStopped.add(vmId);
        }
    }

    /**
     * Forgets VM {@code vmId} with its CD-ROM drives, snapshots, backups, guest state and
     * attributes; its event counter stays so that its sequence keeps growing.
     */
    public synchronized void remove(String vmId) {
        vms.remove(vmId);
        cdroms.values().removeIf(drive -> drive.vmId().equals(vmId));
        vmSnapshots.values().removeIf(snap -> snap.vmId().equals(vmId));
        vmBackups.values().removeIf(backup -> backup.vmId().equals(vmId));
        guests.remove(vmId);
        vmAttributes.remove(vmId);
        agentsStarting.remove(vmId);
        agentsStopped.remove(vmId);
    }

    /** The next event sequence number of VM {@code vmId}, starting at 1. */
    public synchronized long nextSequence(String vmId) {
        return sequences.merge(vmId, 1L, Long::sum);
    }

    /** Makes pool {@code poolId} report no room ({@code exhausted}) or its real room. */
    public synchronized void setCapacityExhausted(String poolId, boolean exhausted) {
        if (exhausted) {
            exhaustedPools.add(poolId);
        } else {
            exhaustedPools.remove(poolId);
        }
    }

    /** Whether pool {@code poolId} is made to report no room. */
    public synchronized boolean capacityExhausted(String poolId) {
        return exhaustedPools.contains(poolId);
    }

    /** Makes pool {@code poolId} report classification {@code level}, or its seeded one for {@code null}. */
    public synchronized void setPoolClassification(String poolId, Long level) {
        if (level == null) {
            poolClassifications.remove(poolId);
        } else {
            poolClassifications.put(poolId, level);
        }
    }

    /** Makes {@code getSystemInfo} report licence expiry {@code date}, or the fixed one again for {@code null}. */
    public synchronized void setLicenceExpiry(LocalDate date) {
        licenceExpiry = date;
    }

    /** The licence expiry {@code getSystemInfo} is made to report, if any. */
    public synchronized Optional<LocalDate> licenceExpiry() {
        return Optional.ofNullable(licenceExpiry);
    }

    /** The classification pool {@code poolId} is made to report, if any. */
    public synchronized Optional<Long> poolClassification(String poolId) {
        return Optional.ofNullable(poolClassifications.get(poolId));
    }

    /** Makes operation {@code operation} (an SDK method name) complete with its failure code. */
    public synchronized void setOperationFailing(String operation, boolean failing) {
        if (failing) {
            failingOperations.add(operation);
        } else {
            failingOperations.remove(operation);
        }
    }

    /** Whether operation {@code operation} is made to fail. */
    public synchronized boolean operationFailing(String operation) {
        return failingOperations.contains(operation);
    }

    /** The data disk named {@code name}. */
    public synchronized Optional<DataDisk> dataDisk(String name) {
        return Optional.ofNullable(dataDisks.get(name));
    }

    /** Every data disk, in creation order. */
    public synchronized List<DataDisk> dataDisks() {
        return List.copyOf(dataDisks.values());
    }

    /** Adds {@code disk} or replaces the data disk of the same name. */
    public synchronized void put(DataDisk disk) {
        dataDisks.put(disk.name(), disk);
    }

    /** Forgets data disk {@code name}. */
    public synchronized void removeDataDisk(String name) {
        dataDisks.remove(name);
    }

    /** The storage the data disks of pool {@code poolId} take, in bytes. */
    public synchronized long dataDiskBytes(String poolId) {
        return dataDisks.values().stream()
                .filter(disk -> disk.poolId().equals(poolId))
                .mapToLong(DataDisk::sizeBytes)
                .sum();
    }

    /**
     * The attributes of VM {@code vmId} that {@code searchVmList} shows under their keys, over
     * the values it computes: those {@code setVmAttributes} set and the OS {@code installVm} was
     * told of. Empty for a VM without any.
     */
    public synchronized Map<String, Object> vmAttributes(String vmId) {
        return Map.copyOf(vmAttributes.getOrDefault(vmId, Map.of()));
    }

    /** Sets attribute {@code name} of VM {@code vmId} to {@code value}, replacing an earlier value. */
    public synchronized void putVmAttribute(String vmId, String name, Object value) {
        vmAttributes.computeIfAbsent(vmId, id -> new LinkedHashMap<>()).put(name, value);
    }

    /** The template made by {@code buildTemplate} with id {@code id}. */
    public synchronized Optional<BuiltTemplate> builtTemplate(String id) {
        return Optional.ofNullable(builtTemplates.get(id));
    }

    /** Every template made by {@code buildTemplate}, in the order they were made. */
    public synchronized List<BuiltTemplate> builtTemplates() {
        return List.copyOf(builtTemplates.values());
    }

    /** Adds {@code template}, or replaces the built template of the same id. */
    public synchronized void put(BuiltTemplate template) {
        builtTemplates.put(template.id(), template);
    }

    /** The CD-ROM drives of VM {@code vmId}, by slot. */
    public synchronized List<Cdrom> cdroms(String vmId) {
        return cdroms.values().stream()
                .filter(drive -> drive.vmId().equals(vmId))
                .sorted(Comparator.comparingInt(Cdrom::slot))
                .toList();
    }

    /** Adds {@code drive} or replaces the drive of the same id. */
    public synchronized void put(Cdrom drive) {
        cdroms.put(drive.id(), drive);
    }

    /** The snapshot with id {@code snapId}. */
    public synchronized Optional<VmSnapshot> vmSnapshot(String snapId) {
        return Optional.ofNullable(vmSnapshots.get(snapId));
    }

    /** The snapshots of VM {@code vmId}, oldest first. */
    public synchronized List<VmSnapshot> vmSnapshots(String vmId) {
        return vmSnapshots.values().stream().filter(snap -> snap.vmId().equals(vmId)).toList();
    }

    /** Adds {@code snap} or replaces the snapshot of the same id. */
    public synchronized void put(VmSnapshot snap) {
        vmSnapshots.put(snap.snapId(), snap);
    }

    /** Forgets snapshot {@code snapId}. */
    public synchronized void removeVmSnapshot(String snapId) {
        vmSnapshots.remove(snapId);
    }

    /** The backup with id {@code backupId}. */
    public synchronized Optional<VmBackup> vmBackup(String backupId) {
        return Optional.ofNullable(vmBackups.get(backupId));
    }

    /** The backups of VM {@code vmId}, oldest first. */
    public synchronized List<VmBackup> vmBackups(String vmId) {
        return vmBackups.values().stream().filter(backup -> backup.vmId().equals(vmId)).toList();
    }

    /** Adds {@code backup} or replaces the backup of the same id. */
    public synchronized void put(VmBackup backup) {
        vmBackups.put(backup.backupId(), backup);
    }

    /** Forgets backup {@code backupId}. */
    public synchronized void removeVmBackup(String backupId) {
        vmBackups.remove(backupId);
    }

    /** The storage the backups of pool {@code poolId} take, in bytes. */
    public synchronized long backupBytes(String poolId) {
        return vmBackups.values().stream()
                .filter(backup -> backup.poolId().equals(poolId))
                .mapToLong(VmBackup::sizeBytes)
                .sum();
    }

    /** The guest state of VM {@code vmId}, or a fresh one when its agent was never used. */
    public synchronized GuestState guest(String vmId) {
        return guests.getOrDefault(vmId, GuestState.fresh(vmId));
    }

    /** Keeps {@code guest} for its VM, replacing the one before. */
    public synchronized void put(GuestState guest) {
        guests.put(guest.vmId(), guest);
    }

    /**
     * The VMs, event counters, host power states, data disks, CD-ROM drives, snapshots, backups,
     * guest states, VM attributes and built templates, for the state file.
     */
    public synchronized StoredState snapshot(List<StoredState.StoredCallback> callbacks) {
        Map<String, Map<String, Object>> attributes = new HashMap<>();
        vmAttributes.forEach((vmId, values) -> attributes.put(vmId, Map.copyOf(values)));
        return new StoredState(StoredState.VERSION, List.copyOf(vms.values()), Map.copyOf(sequences), callbacks,
                Map.copyOf(hostsOnline), List.copyOf(dataDisks.values()), List.copyOf(cdroms.values()),
                List.copyOf(vmSnapshots.values()), List.copyOf(vmBackups.values()), List.copyOf(guests.values()),
                attributes, List.copyOf(builtTemplates.values()));
    }

    /** Replaces everything {@link #snapshot} holds with what {@code stored} holds. */
    public synchronized void restore(StoredState stored) {
        vms.clear();
        sequences.clear();
        hostsOnline.clear();
        dataDisks.clear();
        cdroms.clear();
        vmSnapshots.clear();
        vmBackups.clear();
        guests.clear();
        vmAttributes.clear();
        agentsStarting.clear();
        agentsStopped.clear();
        builtTemplates.clear();
        stored.vms().forEach(vm -> vms.put(vm.vmId(), vm));
        sequences.putAll(stored.sequences());
        hostsOnline.putAll(stored.hostsOnline());
        stored.dataDisks().forEach(disk -> dataDisks.put(disk.name(), disk));
        stored.cdroms().forEach(drive -> cdroms.put(drive.id(), drive));
        stored.snapshots().forEach(snap -> vmSnapshots.put(snap.snapId(), snap));
        stored.backups().forEach(backup -> vmBackups.put(backup.backupId(), backup));
        stored.guests().forEach(guest -> guests.put(guest.vmId(), guest));
        stored.vmAttributes().forEach((vmId, values) -> vmAttributes.put(vmId, new LinkedHashMap<>(values)));
        stored.builtTemplates().forEach(template -> builtTemplates.put(template.id(), template));
    }
}
