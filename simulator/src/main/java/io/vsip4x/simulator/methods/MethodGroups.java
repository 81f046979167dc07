package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.lifecycle.HostLifecycle;
import io.vsip4x.simulator.lifecycle.TemplateBuilds;
import io.vsip4x.simulator.lifecycle.VmBackups;
import io.vsip4x.simulator.lifecycle.VmInstalls;
import io.vsip4x.simulator.lifecycle.VmPlacement;
import io.vsip4x.simulator.lifecycle.VmLifecycle;
import io.vsip4x.simulator.lifecycle.VmSnapshots;
import io.vsip4x.simulator.state.PlatformState;
import java.time.Clock;

/** Every group of SDK methods the simulator serves, registered in one place. */
public final class MethodGroups {

    private MethodGroups() {
    }

    /**
     * Serves every method group through {@code registry}.
     *
     * @param onChange persists the state; called by groups that change it outside the lifecycles
     */
    public static void registerAll(MethodRegistry registry, Inventory inventory, PlatformState state,
            VmLifecycle lifecycle, HostLifecycle hostLifecycle, Runnable onChange) {
        new VmQueryMethods(inventory, state).registerIn(registry);
        new VmCreateMethods(inventory, lifecycle).registerIn(registry);
        new HostMethods(hostLifecycle).registerIn(registry);
        new VmPowerMethods(lifecycle).registerIn(registry);
        new VmChangeMethods(lifecycle.changes()).registerIn(registry);
        new VmNumMethods(inventory, lifecycle).registerIn(registry);
        new PoolMethods(inventory, state).registerIn(registry);
        new TemplateMethods(inventory, lifecycle.templates()).registerIn(registry);
        new StorageMethods(inventory, state).registerIn(registry);
        new RepositoryMethods(inventory, state, Clock.systemUTC()).registerIn(registry);
        new MonitorMethods(inventory, state, Clock.systemUTC()).registerIn(registry);
        new DataDiskMethods(inventory, state, onChange).registerIn(registry);
        VmDeviceMethods devices = new VmDeviceMethods(inventory, state, onChange);
        devices.registerIn(registry);
        lifecycle.register(devices::observeBoot);
        VmSnapshots snapshots = new VmSnapshots(lifecycle);
        lifecycle.register(snapshots);
        new SnapshotMethods(snapshots, state).registerIn(registry);
        VmBackups backups = new VmBackups(lifecycle, inventory);
        lifecycle.register(backups);
        new BackupMethods(backups).registerIn(registry);
        new GuestAgentMethods(inventory, state, onChange).registerIn(registry);
        new GuestOsMethods(inventory, state, Clock.systemUTC(), onChange).registerIn(registry);
        new ConsoleMethods(inventory, state, onChange).registerIn(registry);
        new PlacementMethods(new VmPlacement(lifecycle, inventory), state, onChange).registerIn(registry);
        new BuildMethods(new TemplateBuilds(lifecycle), new VmInstalls(lifecycle, inventory)).registerIn(registry);
    }
}
