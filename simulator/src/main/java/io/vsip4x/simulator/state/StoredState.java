package io.vsip4x.simulator.state;

import io.vsip4x.sdk.callback.CallbackEvent;
import java.util.List;
import java.util.Map;

/**
 * What the state file holds.
 *
 * @param version   format version, {@link #VERSION}
 * @param vms       the VMs, pending operations included
 * @param sequences the last event sequence number of each VM
 * @param callbacks events not delivered yet, in delivery order per VM
 * @param hostsOnline hosts whose power state {@code startHost}/{@code shutdownHost} changed, by
 *                    id; other hosts keep the inventory's. Missing in files written before host
 *                    operations existed, which therefore still load.
 * @param dataDisks   the data disks; missing in files written before data disks existed, which
 *                    therefore still load with none
 * @param cdroms      the VMs' CD-ROM drives; missing in older files, which load with none
 * @param snapshots   the VMs' snapshots; missing in older files, which load with none
 * @param backups     the VMs' finished backups; missing in older files, which load with none
 * @param guests      the guest-agent and console state of the VMs that have one; missing in
 *                    older files, which load with none
 * @param vmAttributes   per VM id, the attributes set by {@code setVmAttributes} and
 *                       {@code installVm}; missing in older files, which load with none
 * @param builtTemplates the templates made by {@code buildTemplate}; missing in older files,
 *                       which load with none
 */
public record StoredState(int version, List<Vm> vms, Map<String, Long> sequences,
        List<StoredCallback> callbacks, Map<String, Boolean> hostsOnline, List<DataDisk> dataDisks,
        List<Cdrom> cdroms, List<VmSnapshot> snapshots, List<VmBackup> backups, List<GuestState> guests,
        Map<String, Map<String, Object>> vmAttributes, List<BuiltTemplate> builtTemplates) {

    /** The format this code writes. */
    public static final int VERSION = 1;

    public StoredState {
        vms = vms == null ? List.of() : List.copyOf(vms);
        sequences = sequences == null ? Map.of() : Map.copyOf(sequences);
        callbacks = callbacks == null ? List.of() : List.copyOf(callbacks);
        hostsOnline = hostsOnline == null ? Map.of() : Map.copyOf(hostsOnline);
        dataDisks = dataDisks == null ? List.of() : List.copyOf(dataDisks);
        cdroms = cdroms == null ? List.of() : List.copyOf(cdroms);
        snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
        backups = backups == null ? List.of() : List.copyOf(backups);
        guests = guests == null ? List.of() : List.copyOf(guests);
        vmAttributes = vmAttributes == null ? Map.of() : Map.copyOf(vmAttributes);
        builtTemplates = builtTemplates == null ? List.of() : List.copyOf(builtTemplates);
    }

    /**
     * An event waiting for delivery.
     *
     * @param url   where it goes
     * @param event the event
     */
    public record StoredCallback(String url, CallbackEvent event) {
    }
}
