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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
    /** The message of a pool filter that names no pool. */
    static final String UNKNOWN_POOL = "admin.hosts.error.pool";

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
     * @throws PortalException              400 for a pool filter that names no pool of the platform
     * @throws PlatformUnavailableException when the platform cannot be asked
     */
    List<HostRow> list(HostFilter filter) {
        if (filter.pool() != null) {
            requireKnownPool(filter.pool());
        }
        List<HostInfo> hosts = read(c -> c.searchHostList(filter.platformFilter()));
        Map<String, Long> onPlatform = platformVmCounts(filter.pool());
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
     * Host {@code hostId} in detail. When only the VM list cannot be read, the rest is still there
     * ({@link HostDetail#vmsUnavailable()}).
     *
     * @throws PortalException              404 (code 3022) when the platform does not know the host
     * @throws PlatformUnavailableException when the platform cannot be asked for the host
     */
    HostDetail detail(String hostId, Locale locale) {
        HostInfo host = find(hostId).orElseThrow(() -> notFound(hostId));
        List<HostVm> onHost;
        boolean vmsUnavailable = false;
        try {
            onHost = vmsOn(host);
        } catch (PlatformUnavailableException e) {
            onHost = List.of();
            vmsUnavailable = true;
        }
        Optional<MonitorSample> sample = monitor(hostId);
        Map<String, Object> raw = host.raw();
        Map<String, Object> lists = sample.map(MonitorSample::raw).orElse(raw);
        Optional<Operation> latest = operations.latestOnHost(hostId);
        HostRow row = row(host, Map.of(hostId, vms.countOnHost(hostId)),
                vmsUnavailable ? null : Map.of(hostId, (long) onHost.size()), pending(hostId, latest));
        return new HostDetail(row, text(raw, "host.cpu.arch"), text(raw, "host.cpu.vendor"),
                (int) SdkMaps.number(raw, 0, "host.cpu.mhz"), text(raw, "host.os.family"), text(raw, "host.os.type"),
                text(raw, "host.os.version"), text(raw, "host.os.bits"), text(raw, "host.virt.type"),
                SdkMaps.maps(lists, "disklist").stream().map(HostDirectory::disk).toList(),
                SdkMaps.maps(lists, "niclist").stream().map(nic -> nic(nic, devices(raw))).toList(),
                onHost, latest.map(op -> codes.operation(op, locale)).orElse(null), sample.isEmpty(),
                vmsUnavailable);
    }

    /**
     * The power state of {@code hostId}: one {@code searchHostList} call and the portal's own rows
     * of this host only (the detail page polls it).
     *
     * @throws PortalException              404 (code 3022) when the platform does not know the host
     * @throws PlatformUnavailableException when the platform cannot be asked
     */
    HostState state(String hostId, Locale locale) {
        HostInfo host = find(hostId).orElseThrow(() -> notFound(hostId));
        Optional<Operation> latest = operations.latestOnHost(hostId);
        return new HostState(row(host, Map.of(hostId, vms.countOnHost(hostId)), null, pending(hostId, latest)),
                latest.map(op -> codes.operation(op, locale)).orElse(null));
    }

    /**
     * The VMs the platform lists on {@code host}, the portal's with their department and owner.
     * The platform is asked for the VMs of the host's pools ({@code repoName}), one pool at a time,
     * not for every VM it has; only a host that names no pool is looked for in the whole list.
     *
     * @throws PlatformUnavailableException when the platform cannot be asked
     */
    List<HostVm> vmsOn(HostInfo host) {
        String hostId = host.hostId();
        List<String> pools = pools(host.raw());
        List<VmSummary> listed = new ArrayList<>();
        if (pools.isEmpty()) {
            listed.addAll(read(c -> c.searchVmList(Map.of())));
        }
        for (String pool : pools) {
            listed.addAll(read(c -> c.searchVmList(Map.of("repoName", pool))));
        }
        Map<String, VmSummary> found = new LinkedHashMap<>();
        listed.stream().filter(vm -> hostId.equals(vm.hostId())).forEach(vm -> found.putIfAbsent(vm.vmId(), vm));
        Map<String, HostVm> owned = vms.owned(List.copyOf(found.keySet()));
        return found.values().stream().map(vm -> Optional.ofNullable(owned.get(vm.vmId()))
                        .map(o -> new HostVm(vm.vmId(), o.name(), status(vm), true, o.tenantCode(), o.tenantName(),
                                o.owner(), o.ownerName()))
                        .orElseGet(() -> new HostVm(vm.vmId(), vm.vmName(), status(vm), false, null, null, null, null)))
                .toList();
    }

    /** Refuses (400) a pool filter that is neither the id nor the name of a pool the platform lists. */
    private void requireKnownPool(String pool) {
        boolean known = read(c -> c.searchRepository(Map.of())).stream()
                .anyMatch(p -> pool.equals(p.repositoryId()) || pool.equals(p.name()));
        if (!known) {
            throw new PortalException(HttpStatus.BAD_REQUEST, UNKNOWN_POOL, null, pool);
        }
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

    /**
     * The platform's VMs per host: of {@code pool} when the list is filtered by one, else of the whole
     * platform in one call (it has no host filter); {@code null} when they cannot be read.
     */
    private Map<String, Long> platformVmCounts(String pool) {
        Map<String, Object> filter = pool == null ? Map.of() : Map.of("repoName", pool);
        try {
            return platform.read(c -> c.searchVmList(filter)).stream().filter(vm -> vm.hostId() != null)
                    .collect(Collectors.groupingBy(VmSummary::hostId, Collectors.counting()));
        } catch (Vsip4xException e) {
            return null;
        }
    }

    private Map<String, String> pendingByHost() {
        return operations.openOnHosts().stream().collect(Collectors.toMap(Operation::hostId,
                op -> HostAction.of(op.kind()).path(), (a, b) -> a));
    }

    /** The open power operation of {@code hostId} ({@code start} or {@code shutdown}) by its latest, if open. */
    private static Map<String, String> pending(String hostId, Optional<Operation> latest) {
        return latest.filter(op -> op.state().open())
                .map(op -> Map.of(hostId, HostAction.of(op.kind()).path())).orElse(Map.of());
    }

    /** The pools a host belongs to ({@code repolist}). */
    private static List<String> pools(Map<String, Object> raw) {
        return raw.get("repolist") instanceof List<?> list
                ? list.stream().filter(Objects::nonNull).map(String::valueOf).filter(p -> !p.isBlank()).toList()
                : List.of();
    }

    private static HostRow row(HostInfo h, Map<String, Integer> inPortal, Map<String, Long> onPlatform,
            Map<String, String> pending) {
        Map<String, Object> raw = h.raw();
        List<String> pools = pools(raw);
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
