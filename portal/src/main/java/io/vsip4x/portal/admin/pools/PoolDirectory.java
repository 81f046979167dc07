package io.vsip4x.portal.admin.pools;

import io.vsip4x.portal.admin.PlatformReads;
import io.vsip4x.portal.admin.pools.PoolViews.GrantedTenant;
import io.vsip4x.portal.admin.pools.PoolViews.HostRow;
import io.vsip4x.portal.admin.pools.PoolViews.PoolDetail;
import io.vsip4x.portal.admin.pools.PoolViews.PoolRow;
import io.vsip4x.portal.admin.pools.PoolViews.Stats;
import io.vsip4x.portal.admin.pools.PoolViews.VmRow;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.tenancy.ResourceKind;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.Vsip4xClient;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.Vsip4xRefusedException;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.PoolMonitor;
import io.vsip4x.sdk.model.VmSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The resource pools as the platform describes them ({@code searchRepository},
 * {@code getRepositoryInfo}, {@code getRepositoryMonitor}, {@code searchRepoHosts}), with the
 * tenants each is granted to and the owners the portal knows of their VMs. Every platform read is
 * a page read ({@link PlatformClient#read}) on the executor of {@link PlatformReads}, within one budget
 * per page; one that fails is a {@link PlatformUnavailableException}. A pool {@code searchRepository} does
 * not list is unknown (404); a listed pool the platform refuses to describe (a non-zero code) is a
 * {@link PoolRefusedException} (503 with the code), never "no such pool".
 */
@Component
class PoolDirectory {

    private static final Logger log = LoggerFactory.getLogger(PoolDirectory.class);

    private final PlatformClient platform;
    private final JdbcClient jdbc;
    private final PlatformReads reads;

    PoolDirectory(PlatformClient platform, JdbcClient jdbc, PlatformReads reads) {
        this.platform = platform;
        this.jdbc = jdbc;
        this.reads = reads;
    }

    /**
     * Every pool with its statistics and tenants: the list, then every pool's monitor side by side, all
     * within one budget ({@link PlatformReads#budget()}).
     *
     * @throws PlatformUnavailableException when the platform does not answer
     */
    List<PoolRow> list() {
        PlatformReads.Deadline deadline = reads.deadline();
        Map<String, List<GrantedTenant>> grants = grants();
        List<PoolInfo> listed = reads.join(reads.async(this::pools, deadline), deadline);
        List<Optional<PoolMonitor>> monitors = eachPool(listed, pool -> c -> PoolAnswers.monitor(c, pool.name()),
                deadline);
        List<PoolRow> rows = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            PoolInfo pool = listed.get(i);
            Optional<PoolMonitor> monitor = monitors.get(i);
            rows.add(PoolRow.of(pool, monitor.map(m -> Stats.of(m.vmStats())).orElse(null),
                    monitor.map(m -> Stats.of(m.hostStats())).orElse(null),
                    grants.getOrDefault(pool.repositoryId(), List.of())));
        }
        return rows;
    }

    /** The reads' budget, starting now. */
    PlatformReads.Deadline deadline() {
        return reads.deadline();
    }

    /** {@code read} on the page reads' executor, failing at {@code deadline}. */
    <T> CompletableFuture<T> async(Supplier<T> read, PlatformReads.Deadline deadline) {
        return reads.async(read, deadline);
    }

    /**
     * The value of {@code read}, waiting at most until {@code deadline}.
     *
     * @throws PlatformUnavailableException when the platform failed, refused or did not answer in time
     */
    <T> T join(CompletableFuture<T> read, PlatformReads.Deadline deadline) {
        return reads.join(read, deadline);
    }

    /**
     * One page read per pool of {@code pools}, side by side (a page of dozens of pools waits about as
     * long as for one), the answers in the pools' order, all by {@code deadline}.
     *
     * @throws PlatformUnavailableException when any of them fails or is not answered by {@code deadline}
     */
    <T> List<T> eachPool(List<PoolInfo> pools, Function<PoolInfo, Function<Vsip4xClient, T>> call,
            PlatformReads.Deadline deadline) {
        List<CompletableFuture<T>> started = pools.stream()
                .map(pool -> reads.async(() -> read(call.apply(pool)), deadline))
                .toList();
        return started.stream().map(read -> reads.join(read, deadline)).toList();
    }

    /**
     * The pools as {@code searchRepository} lists them.
     *
     * @throws PlatformUnavailableException when the platform does not answer
     */
    List<PoolInfo> pools() {
        return read(c -> c.searchRepository(Map.of()));
    }

    /**
     * Pool {@code repoId} as {@code searchRepository} lists it.
     *
     * @throws PortalException             404 when the platform has no such pool
     * @throws PlatformUnavailableException when the platform does not answer
     */
    PoolInfo pool(String repoId) {
        return find(pools(), repoId).orElseThrow(() -> PortalException.notFound("pools.error.unknown", repoId));
    }

    private static Optional<PoolInfo> find(List<PoolInfo> pools, String repoId) {
        return pools.stream().filter(p -> repoId.equals(p.repositoryId())).findFirst();
    }

    /**
     * Pool {@code repoId} with its hosts, VMs, statistics and tenants. The info and monitor reads
     * name the pool by its name and the host read by its id (catalog A05). The list and the hosts are
     * read side by side, then the info and the monitor side by side, all within one budget.
     *
     * @throws PortalException             404 when {@code searchRepository} does not list the pool (or it
     *                                     vanished between the reads); 503 with the platform's code when
     *                                     the platform refuses to describe a pool it lists
     * @throws PlatformUnavailableException when the platform does not answer
     */
    PoolDetail detail(String repoId) {
        PlatformReads.Deadline deadline = reads.deadline();
        CompletableFuture<Optional<PoolInfo>> found = reads.async(this::pools, deadline)
                .thenApply(pools -> find(pools, repoId));
        CompletableFuture<List<String>> hostIds = reads.async(() -> read(c -> c.searchRepoHosts(repoId)), deadline);
        CompletableFuture<Optional<PoolInfo>> described = found.thenCompose(pool -> pool.isEmpty()
                ? CompletableFuture.completedFuture(Optional.empty())
                : reads.async(() -> read(c -> PoolAnswers.info(c, pool.get().name())), deadline));
        CompletableFuture<Optional<PoolMonitor>> monitored = found.thenCompose(pool -> pool.isEmpty()
                ? CompletableFuture.completedFuture(Optional.empty())
                : reads.async(() -> read(c -> PoolAnswers.monitor(c, pool.get().name())), deadline));
        Map<String, List<GrantedTenant>> grants = grants();

        PoolInfo listed = reads.join(found, deadline)
                .orElseThrow(() -> PortalException.notFound("pools.error.unknown", repoId));
        PoolInfo info = refusedOr(described, deadline, repoId).orElse(listed);
        PoolMonitor monitor = refusedOr(monitored, deadline, repoId)
                .orElseThrow(() -> PortalException.notFound("pools.error.unknown", repoId));
        List<String> ids = reads.join(hostIds, deadline);

        Map<String, HostInfo> hostsDescribed = new HashMap<>();
        monitor.hosts().forEach(h -> hostsDescribed.put(h.hostId(), h));
        List<HostRow> hosts = new ArrayList<>();
        ids.forEach(id -> hosts.add(HostRow.of(id, hostsDescribed.remove(id))));
        hostsDescribed.forEach((id, host) -> hosts.add(HostRow.of(id, host)));

        PoolInfo shown = new PoolInfo(repoId, info.name() != null ? info.name() : listed.name(),
                info.description(), info.type(), info.totalBytes(), info.freeBytes(), info.ha(),
                info.classification(), info.raw());
        PoolRow row = PoolRow.of(shown, Stats.of(monitor.vmStats()), Stats.of(monitor.hostStats()),
                grants.getOrDefault(repoId, List.of()));
        return new PoolDetail(row, hosts, vms(monitor.vms()));
    }

    /**
     * The answer of {@code read}.
     *
     * @throws PoolRefusedException        503 with the platform's code when it refused to describe the pool
     * @throws PlatformUnavailableException when it did not answer
     */
    private <T> T refusedOr(CompletableFuture<T> read, PlatformReads.Deadline deadline, String repoId) {
        try {
            return reads.join(read, deadline);
        } catch (PlatformUnavailableException e) {
            if (e.getCause() instanceof Vsip4xRefusedException refused) {
                throw new PoolRefusedException(repoId, refused.code());
            }
            throw e;
        }
    }

    /** The tenants granted each pool, by pool id, each list by tenant code. */
    Map<String, List<GrantedTenant>> grants() {
        Map<String, List<GrantedTenant>> grants = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT r.resource_id, t.code, t.name
                  FROM tenant_resource r
                  JOIN tenant t ON t.id = r.tenant_id
                 WHERE r.kind = :kind
                 ORDER BY t.code""")
                .param("kind", ResourceKind.POOL.name())
                .query((rs, n) -> Map.entry(rs.getString("resource_id"),
                        new GrantedTenant(rs.getString("code"), rs.getString("name"))))
                .list()
                .forEach(e -> grants.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return grants;
    }

    private record Owner(String vmName, String tenantCode, String tenantName, String username, String displayName) {
    }

    /** The pool's VMs, each with its tenant and owner when the portal made it. */
    private List<VmRow> vms(List<VmSummary> vms) {
        Map<String, Owner> owners = new HashMap<>();
        List<String> ids = vms.stream().map(VmSummary::vmId).toList();
        if (!ids.isEmpty()) {
            jdbc.sql("""
                    SELECT v.vm_id, v.name AS vm_name, t.code, t.name, u.username, u.display_name
                      FROM vm v
                      JOIN tenant t ON t.id = v.tenant_id
                      JOIN app_user u ON u.id = v.owner_id
                     WHERE v.vm_id IN (:ids)
                       AND v.lifecycle <> 'DELETED'""")
                    .param("ids", ids)
                    .query((rs, n) -> Map.entry(rs.getString("vm_id"), new Owner(rs.getString("vm_name"),
                            rs.getString("code"),
                            rs.getString("name"), rs.getString("username"), rs.getString("display_name"))))
                    .list()
                    .forEach(e -> owners.put(e.getKey(), e.getValue()));
        }
        return vms.stream().map(vm -> {
            Owner owner = owners.get(vm.vmId());
            Integer status = vm.status() < 0 ? null : vm.status();
            return owner == null
                    ? new VmRow(vm.vmId(), vm.vmName(), status, vm.hostId(), vm.cpu(), vm.memoryBytes(), false,
                            null, null, null, null)
                    : new VmRow(vm.vmId(), owner.vmName(), status, vm.hostId(), vm.cpu(), vm.memoryBytes(), true,
                            owner.tenantCode(), owner.tenantName(), owner.username(), owner.displayName());
        }).toList();
    }

    /** A page read of the platform; any failure is the platform being unavailable for now. */
    <T> T read(Function<Vsip4xClient, T> call) {
        try {
            return platform.read(call);
        } catch (Vsip4xException e) {
            log.info("Could not read the pools from the platform: {}", e.getMessage());
            throw new PlatformUnavailableException(e);
        }
    }
}
