package io.vsip4x.portal.admin.hosts;

import io.vsip4x.portal.platform.Operation;
import io.vsip4x.portal.platform.OperationService;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.Vsip4xClient;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.MonitorSample;
import io.vsip4x.sdk.model.Monitoring;
import io.vsip4x.sdk.model.VmSummary;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Reads the platform's hosts for the admin pages and API: the list ({@code searchHostList}, the
 * classification filtered here), and a host in detail with its disks and NICs
 * ({@code getHostMonitorInfo}, else the host list's) and the VMs the platform lists on it
 * ({@code searchVmList}). Reads are tried once ({@link PlatformClient#read}).
 */
@Service
class HostDirectory {

    /** The platform's code of an unknown host. */
    static final String NO_HOST = "3022";

    private final PlatformClient platform;
    private final OperationService operations;
    private final HostVmRepository vms;
    private final HostCodes codes;

    HostDirectory(PlatformClient platform, OperationService operations, HostVmRepository vms, HostCodes codes) {
        this.platform = platform;
        this.operations = operations;
        this.vms = vms;
        this.codes = codes;
    }

    /**
     * The hosts matching {@code filter}, in the platform's order.
     *
     * @throws PlatformUnavailableException when the platform cannot be asked
     */
    List<HostRow> list(HostFilter filter) {
        List<HostInfo> hosts = read(c -> c.searchHostList(filter.platformFilter()));
        Map<String, Long> onPlatform = platformVmCounts();
        Map<String, Integer> inPortal = vms.countsByHost();
        Map<String, String> pending = pendingByHost();
        return hosts.stream()
                .map(h -> row(h, inPortal, onPlatform, pending))
                .filter(row -> filter.classification() == null
                        || filter.classification().equals(row.classification()))
                .toList();
    }

    /**
     * Host {@code hostId}, or empty when the platform does not know it.
     *
     * @throws PlatformUnavailableException when the platform cannot be asked
     */
    Optional<HostInfo> find(String hostId) {
        return read(c -> c.searchHostList(Map.of("hostId", hostId))).stream()
                .filter(h -> hostId.equals(h.hostId())).findFirst();
    }

    /**
     * Host {@code hostId} in detail.
     *
     * @throws PortalException              404 (code 3022) when the platform does not know the host
     * @throws PlatformUnavailableException when the platform cannot be asked
     */
    HostDetail detail(String hostId, Locale locale) {
        HostInfo host = find(hostId).orElseThrow(() -> notFound(hostId));
        List<HostVm> onHost = vmsOn(hostId);
        Optional<MonitorSample> sample = monitor(hostId);
        Map<String, Object> raw = host.raw();
        Map<String, Object> lists = sample.map(MonitorSample::raw).orElse(raw);
        HostRow row = row(host, vms.countsByHost(), Map.of(hostId, (long) onHost.size()), pendingByHost());
        return new HostDetail(row, text(raw, "host.cpu.arch"), text(raw, "host.cpu.vendor"),
                (int) SdkMaps.number(raw, 0, "host.cpu.mhz"), text(raw, "host.os.family"), text(raw, "host.os.type"),
                text(raw, "host.os.version"), text(raw, "host.os.bits"), text(raw, "host.virt.type"),
                SdkMaps.maps(lists, "disklist").stream().map(HostDirectory::disk).toList(),
                SdkMaps.maps(lists, "niclist").stream().map(nic -> nic(nic, devices(raw))).toList(),
                onHost, operations.latestOnHost(hostId).map(op -> codes.operation(op, locale)).orElse(null),
                sample.isEmpty());
    }

    /**
     * The power state of {@code hostId}: one {@code searchHostList} call and the portal's own rows.
     *
     * @throws PortalException              404 (code 3022) when the platform does not know the host
     * @throws PlatformUnavailableException when the platform cannot be asked
     */
    HostState state(String hostId, Locale locale) {
        HostInfo host = find(hostId).orElseThrow(() -> notFound(hostId));
        return new HostState(row(host, vms.countsByHost(), null, pendingByHost()),
                operations.latestOnHost(hostId).map(op -> codes.operation(op, locale)).orElse(null));
    }

    /**
     * The VMs the platform lists on {@code hostId}, the portal's with their department and owner.
     *
     * @throws PlatformUnavailableException when the platform cannot be asked
     */
    List<HostVm> vmsOn(String hostId) {
        List<VmSummary> found = read(c -> c.searchVmList(Map.of())).stream()
                .filter(vm -> hostId.equals(vm.hostId())).toList();
        Map<String, HostVm> owned = vms.owned(found.stream().map(VmSummary::vmId).toList());
        return found.stream().map(vm -> Optional.ofNullable(owned.get(vm.vmId()))
                        .map(o -> new HostVm(vm.vmId(), o.name(), status(vm), true, o.tenantCode(), o.tenantName(),
                                o.owner(), o.ownerName()))
                        .orElseGet(() -> new HostVm(vm.vmId(), vm.vmName(), status(vm), false, null, null, null, null)))
                .toList();
    }

    /** A host the platform does not know: 404 with its code. */
    static PortalException notFound(String hostId) {
        return new PortalException(HttpStatus.NOT_FOUND, "admin.hosts.error.notFound", NO_HOST, hostId);
    }

    private Optional<MonitorSample> monitor(String hostId) {
        try {
            Monitoring answer = platform.read(c -> c.getHostMonitorInfo(List.of(hostId)));
            return answer.result().ok() ? Optional.ofNullable(answer.samples().get(hostId)) : Optional.empty();
        } catch (Vsip4xException e) {
            return Optional.empty();
        }
    }

    private Map<String, Long> platformVmCounts() {
        try {
            return platform.read(c -> c.searchVmList(Map.of())).stream().filter(vm -> vm.hostId() != null)
                    .collect(Collectors.groupingBy(VmSummary::hostId, Collectors.counting()));
        } catch (Vsip4xException e) {
            return null;
        }
    }

    private Map<String, String> pendingByHost() {
        return operations.openOnHosts().stream().collect(Collectors.toMap(Operation::hostId,
                op -> HostAction.of(op.kind()).path(), (a, b) -> a));
    }

    private static HostRow row(HostInfo h, Map<String, Integer> inPortal, Map<String, Long> onPlatform,
            Map<String, String> pending) {
        Map<String, Object> raw = h.raw();
        List<String> pools = raw.get("repolist") instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of();
        Long classification = Optional.ofNullable(number(raw, "host.classification")).filter(l -> l >= 0)
                .orElse(null);
        Integer platformVms = onPlatform == null ? null : onPlatform.getOrDefault(h.hostId(), 0L).intValue();
        return new HostRow(h.hostId(), h.name(), pools, h.online(), classification, h.cpu(),
                text(raw, "host.cpu.model"), h.memoryUsedBytes(), h.memoryTotalBytes(),
                inPortal.getOrDefault(h.hostId(), 0), platformVms, pending.get(h.hostId()));
    }

    private static HostDetail.Disk disk(Map<String, Object> m) {
        return new HostDetail.Disk(text(m, "diskId"), text(m, "diskName"), SdkMaps.number(m, 0, "disksize"),
                number(m, "read"), number(m, "write"));
    }

    /** A NIC; its device from the host list's NIC of the same id when the monitoring names none. */
    private static HostDetail.Nic nic(Map<String, Object> m, Map<String, String> devices) {
        Long link = number(m, "linkstatus");
        String device = Optional.ofNullable(text(m, "device")).orElseGet(() -> devices.get(text(m, "nicId")));
        return new HostDetail.Nic(text(m, "nicId"), device, text(m, "macaddr"), text(m, "ipaddr"),
                text(m, "netmask"), link == null ? null : link == 1, number(m, "receive"), number(m, "send"));
    }

    /** The devices ({@code br0}) of the host list's NICs, by NIC id. */
    private static Map<String, String> devices(Map<String, Object> host) {
        return SdkMaps.maps(host, "niclist").stream()
                .filter(nic -> text(nic, "nicId") != null && text(nic, "device") != null)
                .collect(Collectors.toMap(nic -> text(nic, "nicId"), nic -> text(nic, "device"), (a, b) -> a));
    }

    private static Integer status(VmSummary vm) {
        return vm.status() < 0 ? null : vm.status();
    }

    private static String text(Map<String, Object> m, String key) {
        return SdkMaps.string(m, key);
    }

    private static Long number(Map<String, Object> m, String key) {
        long value = SdkMaps.number(m, Long.MIN_VALUE, key);
        return value == Long.MIN_VALUE ? null : value;
    }

    private <T> T read(Function<Vsip4xClient, T> call) {
        try {
            return platform.read(call);
        } catch (Vsip4xException e) {
            throw new PlatformUnavailableException(e);
        }
    }
}
