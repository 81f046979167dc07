package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.inventory.Host;
import io.vsip4x.simulator.lifecycle.Capacity;
import io.vsip4x.simulator.state.Vm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host in {@code searchHostList}'s keys. {@code host.memory.used} is the memory held by the
 * host's VMs, the same figure placement counts with.
 */
final class HostRows {

    private HostRows() {
    }

    static Map<String, Object> row(Host host, List<Vm> vms) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("hostId", host.id());
        row.put("host.name", host.name());
        row.put("host.online", Boolean.toString(host.online()));
        row.put("host.cpu.arch", "x86_64");
        row.put("host.cpu.num", Integer.toString(host.cpuCores()));
        row.put("host.cpu.mhz", Integer.toString(host.cpuMhz()));
        row.put("host.cpu.model", host.cpuModel());
        row.put("host.cpu.vendor", host.cpuVendor());
        row.put("host.memory.total", Long.toString(host.memoryTotalBytes()));
        row.put("host.memory.used", Long.toString(Capacity.memoryUsed(host.id(), vms)));
        row.put("host.os.bits", "64");
        row.put("host.os.family", "Linux");
        row.put("host.os.type", "Kylin Linux Advanced Server");
        row.put("host.os.version", "V10 (Lance)");
        row.put("host.virt.type", "KVM");
        row.put("host.classification", 0L);
        row.put("disklist", List.of(disk(host)));
        row.put("niclist", List.of(nic(host)));
        row.put("repolist", List.of(host.poolId()));
        return row;
    }

    private static Map<String, Object> disk(Host host) {
        Map<String, Object> disk = new LinkedHashMap<>();
        disk.put("diskId", host.id() + "-sda");
        disk.put("diskName", "sda");
        disk.put("disksize", host.diskBytes());
        return disk;
    }

    private static Map<String, Object> nic(Host host) {
        String prefix = host.ipAddress().substring(0, host.ipAddress().lastIndexOf('.') + 1);
        Map<String, Object> nic = new LinkedHashMap<>();
        nic.put("nicId", host.id() + "-br0");
        nic.put("device", "br0");
        nic.put("macaddr", host.macAddress());
        nic.put("ipaddr", host.ipAddress());
        nic.put("netmask", "255.255.255.0");
        nic.put("gateway", prefix + "1");
        nic.put("dnsserver", prefix + "2");
        nic.put("linkstatus", 1L);
        return nic;
    }
}
