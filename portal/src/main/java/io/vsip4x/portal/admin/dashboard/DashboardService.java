package io.vsip4x.portal.admin.dashboard;

import io.vsip4x.portal.admin.PlatformReads;
import io.vsip4x.portal.admin.pools.PoolAnswers;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformHealth;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.Vsip4xRefusedException;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.PoolMonitor;
import io.vsip4x.sdk.model.UsageStats;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Reads the dashboard. The three platform reads (licence, hosts, pools) run side by side, each with
 * the page-read time-out of {@link PlatformClient#read}, so a platform that does not answer costs a
 * page one time-out, not three; a read that fails leaves its section {@code null} and the rest stands.
 * The pools' monitors are read side by side once the pools are listed, and a section not read within
 * the budget of {@link PlatformReads} (two page reads and a little, however many pools) is left
 * {@code null} as if it had failed, so that the page never waits longer. The reads run on the
 * executor {@link PlatformReads} shares with the pool pages (sized and bounded there), composed
 * without a thread waiting for another, so concurrent dashboards do not queue behind each other.
 * A refusal (a non-zero result code) is a failed read, never "no data": a refused pool monitor
 * leaves the pools and VMs unavailable, a refused {@code getSystemInfo} the licence.
 * VMs running and in all are the sums of the pools' VM statistics ({@code getRepositoryMonitor}'s
 * {@code vmstatiscs}), the platform's own view, not the portal's records.
 */
@Service
class DashboardService {

    private static final Logger log = LoggerFactory.getLogger(DashboardService.class);

    private final PlatformClient platform;
    private final PlatformHealth health;
    private final LicenceWatch licences;
    private final DashboardQueries queries;
    private final PlatformReads reads;
    private final Clock clock;

    DashboardService(PlatformClient platform, PlatformHealth health, LicenceWatch licences,
            DashboardQueries queries, PlatformReads reads, Clock clock) {
        this.platform = platform;
        this.health = health;
        this.licences = licences;
        this.queries = queries;
        this.reads = reads;
        this.clock = clock;
    }

    /** What the dashboard shows now; never throws for the platform's sake. */
    Dashboard read() {
        PlatformReads.Deadline deadline = reads.deadline();
        CompletableFuture<Probed> probed = reads.async(this::probe, deadline);
        CompletableFuture<Dashboard.Hosts> hosts = reads.async(this::hosts, deadline);
        CompletableFuture<List<Dashboard.PoolUse>> pools = pools(deadline);

        Dashboard.Queue queue = queries.queue();
        Dashboard.Callbacks callbacks = queries.callbacks();
        Probed probe = section(probed, deadline, "probe")
                .orElseGet(() -> new Probed(null, reads.budget().toMillis(), false, null));
        Optional<Licence> readLicence = Optional.ofNullable(probe.licence());
        Optional<List<Dashboard.PoolUse>> readPools = section(pools, deadline, "pools");
        Optional<Dashboard.Hosts> readHosts = section(hosts, deadline, "hosts");
        boolean available = readLicence.isPresent() && readHosts.isPresent() && readPools.isPresent();
        PlatformHealth.Reading reading = health.current();
        return new Dashboard(clock.instant(), available, readLicence.orElse(null), readHosts.orElse(null),
                readPools.map(DashboardService::vms).orElse(null), readPools.orElse(null), queue, callbacks,
                new Dashboard.Probe(probe.answered(), probe.latencyMs(), probe.code()),
                new Dashboard.Health(reading.reachable(), reading.since()));
    }

    /**
     * The licence read, or {@code null} when it failed, how long the read took, whether the platform
     * answered, and its code when it answered with a refusal.
     */
    private record Probed(Licence licence, long latencyMs, boolean answered, String code) {
    }

    /** Reads the licence, timed: the dashboard's live probe. */
    private Probed probe() {
        long start = System.nanoTime();
        try {
            Licence licence = licences.read();
            return new Probed(licence, millisSince(start), true, null);
        } catch (Vsip4xRefusedException e) {
            log.info("The platform refused the dashboard's probe: code {}", e.code());
            return new Probed(null, millisSince(start), true, e.code());
        } catch (Vsip4xException e) {
            log.info("The dashboard's probe of the platform failed: {}", e.getMessage());
            return new Probed(null, millisSince(start), false, null);
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The section {@code read} gives by {@code deadline}, or empty when the platform failed it. */
    private <T> Optional<T> section(CompletableFuture<T> read, PlatformReads.Deadline deadline, String what) {
        try {
            return Optional.of(reads.join(read, deadline));
        } catch (PlatformUnavailableException e) {
            log.info("The dashboard's {} could not be read from the platform: {}", what,
                    e.getCause() == null ? e.getMessage() : e.getCause().toString());
            return Optional.empty();
        }
    }

    private Dashboard.Hosts hosts() {
        List<HostInfo> all = platform.read(c -> c.searchHostList(Map.of()));
        return new Dashboard.Hosts(all.stream().filter(HostInfo::online).count(), all.size());
    }

    /**
     * Every pool's use, the pools read side by side by their names (catalog A05) once listed; a pool
     * that vanished in between is left out, and one monitor that fails or is refused fails the section.
     */
    private CompletableFuture<List<Dashboard.PoolUse>> pools(PlatformReads.Deadline deadline) {
        return reads.async(() -> platform.read(c -> c.searchRepository(Map.of())), deadline).thenCompose(listed -> {
            List<CompletableFuture<Optional<PoolMonitor>>> each = listed.stream()
                    .map(p -> reads.async(() -> platform.read(c -> PoolAnswers.monitor(c, p.name())), deadline))
                    .toList();
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                    .thenApply(done -> each.stream().map(CompletableFuture::join).flatMap(Optional::stream)
                            .map(DashboardService::use).toList());
        });
    }

    private static Dashboard.PoolUse use(PoolMonitor monitor) {
        PoolInfo pool = monitor.pool();
        UsageStats hosts = monitor.hostStats();
        UsageStats vms = monitor.vmStats();
        long used = Math.max(0, pool.totalBytes() - pool.freeBytes());
        long percent = pool.totalBytes() > 0 ? Math.round(100.0 * used / pool.totalBytes()) : 0;
        return new Dashboard.PoolUse(pool.repositoryId(), pool.name(), pool.classification(),
                clamp(hosts.cpuLoad()), clamp(hosts.memLoad()), hosts.cpu(), hosts.memoryBytes(), used,
                pool.totalBytes(), clamp(percent), vms.runCount(), vms.count(), hosts.runCount(), hosts.count());
    }

    private static Dashboard.Vms vms(List<Dashboard.PoolUse> pools) {
        return new Dashboard.Vms(pools.stream().mapToLong(Dashboard.PoolUse::vmsRunning).sum(),
                pools.stream().mapToLong(Dashboard.PoolUse::vms).sum());
    }

    private static long clamp(long percent) {
        return Math.min(100, Math.max(0, percent));
    }
}
