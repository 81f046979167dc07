package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.inventory.Pool;
import io.vsip4x.simulator.inventory.Template;
import io.vsip4x.simulator.lifecycle.Templates;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Nic;
import io.vsip4x.simulator.state.Vm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A VM in {@code searchVmList}'s keys. Strings stay strings as the spec types them;
 * {@code vm.classification} and the disk figures are numbers ({@code Long}). {@code repName}
 * carries the pool id, as {@code createVm}'s {@code repoName} does. The VM's attributes (see
 * {@link PlatformState#vmAttributes}) come last, under their keys, over the computed values.
 */
final class VmRows {

    private final Inventory inventory;
    private final PlatformState state;
    private final Templates templates;

    VmRows(Inventory inventory, PlatformState state) {
        this.inventory = inventory;
        this.state = state;
        this.templates = new Templates(inventory, state);
    }

    Map<String, Object> row(Vm vm) {
        Optional<Template> template = templates.find(vm.templateId());
        boolean ha = inventory.pool(vm.poolId()).map(Pool::ha).orElse(false);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("vmId", vm.vmId());
        row.put("vmName", vm.vmName());
        row.put("UUID", vm.uuid());
        row.put("serverstatus", Integer.toString(vm.status()));
        row.put("agentOn", Boolean.toString(state.guestAgentOn(vm)));
        row.put("vmCPUArch", template.map(Template::cpuArch).orElse("x86_64"));
        row.put("vmCPUNum", Integer.toString(vm.cpu()));
        row.put("vmOSBits", template.map(Template::osBits).orElse(""));
        row.put("osFamily", template.map(Template::osFamily).orElse(""));
        row.put("vmOSType", template.map(Template::osType).orElse(""));
        row.put("vmMemSize", Long.toString(vm.memoryBytes()));
        row.put("vmDiskSize", Long.toString(vm.diskBytes()));
        row.put("hostId", vm.hostId());
        row.put("vmLocal", ha ? "" : vm.hostId());
        row.put("vmType", "hvm");
        row.put("vncPassword", vm.vncPassword());
        row.put("usbEnable", "true");
        row.put("repName", vm.poolId());
        row.put("vm.classification", template.map(Template::classification).orElse(0L));
        row.put("vmNics", vm.nics().stream().map(n -> nic(GuestAccess.reported(state, vm.vmId(), n))).toList());
        row.put("disklist", disks(vm));
        row.putAll(state.vmAttributes(vm.vmId()));
        return row;
    }

    private static Map<String, Object> nic(Nic nic) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("vnicId", nic.vnicId());
        row.put("IPAddress", nic.ipAddress());
        row.put("Gateways", nic.gateway());
        row.put("subnetMask", nic.subnetMask());
        row.put("dnsAddress", nic.dns());
        row.put("vnicMacAddr", nic.macAddress());
        row.put("vnicBridge", nic.network());
        row.put("bandWidth", nic.bandwidth());
        return row;
    }

    private static List<Map<String, Object>> disks(Vm vm) {
        if (vm.diskBytes() == 0) {
            return List.of();
        }
        Map<String, Object> disk = new LinkedHashMap<>();
        disk.put("diskId", vm.vmId() + "-vda");
        disk.put("diskName", "adisk.vda");
        disk.put("disksize", vm.diskBytes());
        disk.put("read", 0L);
        disk.put("write", 0L);
        return List.of(disk);
    }
}
