package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.http.RefusalException;
import io.vsip4x.simulator.inventory.Host;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.methods.MonitorFigures.Figures;
import io.vsip4x.simulator.state.Nic;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code getHostMonitorInfo} and {@code getVmMonitorInfo}: one sample per id, keyed by the id,
 * with figures from {@link MonitorFigures}. {@code cpu_idle} is the idle share in percent, as its
 * key says (catalog A27); times are {@code yyyy-MM-dd HH:mm:ss} in GMT+08:00.
 */
public final class MonitorMethods {

    private static final ZoneOffset ZONE = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String NO_HOST = "3022";

    private final Inventory inventory;
    private final PlatformState state;
    private final Clock clock;

    public MonitorMethods(Inventory inventory, PlatformState state, Clock clock) {
        this.inventory = inventory;
        this.state = state;
        this.clock = clock;
    }

    /** Serves this group's methods through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register("getHostMonitorInfo", this::getHostMonitorInfo, ArgType.LIST);
        registry.register("getVmMonitorInfo", this::getVmMonitorInfo, ArgType.LIST);
    }

    /**
     * A sample per host of the list; a host that is shut down reports no use and its NIC's link
     * down. 2003 for an entry that is not an id, 3022 for an unknown host.
     */
    private Object getHostMonitorInfo(Call call) {
        List<String> ids = ids(call);
        List<Vm> vms = state.vms();
        Instant now = clock.instant();
        Map<String, Object> data = new LinkedHashMap<>();
        for (String id : ids) {
            Host host = inventory.host(id).orElseThrow(() -> new RefusalException(NO_HOST, "No host " + id));
            boolean online = state.online(host);
            Figures figures = online ? MonitorFigures.host(host, vms, now)
                    : Figures.idle(host.memoryTotalBytes());
            data.put(id, hostSample(host, figures, online, now));
        }
        return withData(data);
    }

    /**
     * A sample per VM of the list; a VM that is not running reports no use. 2003 for an entry
     * that is not an id, 2004 for an unknown VM.
     */
    private Object getVmMonitorInfo(Call call) {
        List<String> ids = ids(call);
        Instant now = clock.instant();
        Map<String, Object> data = new LinkedHashMap<>();
        for (String id : ids) {
            Vm vm = state.vm(id).orElseThrow(() -> new RefusalException(Answers.NO_VM, "No VM " + id));
            data.put(id, vmSample(vm, MonitorFigures.vm(vm, now), now));
        }
        return withData(data);
    }

    private static List<String> ids(Call call) {
        try {
            return new Params(Map.of("ids", call.list(0))).strings("ids", false);
        } catch (InvalidParamsException e) {
            throw new RefusalException(Answers.INVALID, e.getMessage());
        }
    }

    private static Map<String, Object> withData(Map<String, Object> data) {
        Map<String, Object> answer = Answers.result(Answers.OK);
        answer.put("data", data);
        return answer;
    }

    private static Map<String, Object> hostSample(Host host, Figures f, boolean online, Instant now) {
        Map<String, Object> sample = common(host.name(), f, now);
        Map<String, Object> disk = new LinkedHashMap<>();
        disk.put("diskId", host.id() + "-sda");
        disk.put("diskName", "sda");
        disk.put("disksize", host.diskBytes());
        disk.put("read", f.diskRead());
        disk.put("write", f.diskWrite());
        Map<String, Object> nic = new LinkedHashMap<>();
        nic.put("nicId", host.id() + "-br0");
        nic.put("macaddr", host.macAddress());
        nic.put("ipaddr", host.ipAddress());
        nic.put("netmask", "255.255.255.0");
        nic.put("receive", f.networkIn());
        nic.put("send", f.networkOut());
        nic.put("linkstatus", online ? 1L : 0L);
        sample.put("disklist", List.of(disk));
        sample.put("niclist", List.of(nic));
        return sample;
    }

    private static Map<String, Object> vmSample(Vm vm, Figures f, Instant now) {
        Map<String, Object> sample = common(vm.vmName(), f, now);
        List<Map<String, Object>> disks = vm.diskBytes() == 0 ? List.of() : List.of(vmDisk(vm, f));
        List<Map<String, Object>> nics = vm.nics().stream().map(nic -> vmNic(nic, f, vm.nics().size())).toList();
        sample.put("disklist", disks);
        sample.put("vniclist", nics);
        return sample;
    }

    private static Map<String, Object> vmDisk(Vm vm, Figures f) {
        Map<String, Object> disk = new LinkedHashMap<>();
        disk.put("diskId", vm.vmId() + "-vda");
        disk.put("diskName", "adisk.vda");
        disk.put("disksize", vm.diskBytes());
        disk.put("read", f.diskRead());
        disk.put("write", f.diskWrite());
        return disk;
    }

    /** A NIC of a VM; the VM's traffic is shared evenly among its {@code count} NICs. */
    private static Map<String, Object> vmNic(Nic nic, Figures f, int count) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("vnicId", nic.vnicId());
        row.put("macaddr", nic.macAddress());
        row.put("ipaddr", nic.ipAddress());
        row.put("netmask", nic.subnetMask());
        row.put("gateway", nic.gateway());
        row.put("dnsserver", nic.dns());
        row.put("vbridge", nic.network());
        row.put("receive", f.networkIn() / count);
        row.put("send", f.networkOut() / count);
        return row;
    }

    private static Map<String, Object> common(String name, Figures f, Instant now) {
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("resource_name", name);
        sample.put("cpu_idle", String.valueOf(Math.round((100 - f.cpuUsedPercent()) * 10) / 10.0));
        sample.put("mem_free", Long.toString(f.memTotalBytes() - f.memUsedBytes()));
        sample.put("mem_total", Long.toString(f.memTotalBytes()));
        sample.put("disk_read", Long.toString(f.diskRead()));
        sample.put("disk_write", Long.toString(f.diskWrite()));
        sample.put("network_in", Long.toString(f.networkIn()));
        sample.put("network_out", Long.toString(f.networkOut()));
        sample.put("load", String.valueOf(f.load()));
        sample.put("monitor_time", TIME.format(now.atOffset(ZONE)));
        sample.put("timezone", "GMT+08:00");
        return sample;
    }
}
