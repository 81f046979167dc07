package io.vsip4x.portal.admin.dashboard;

import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformHealth;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.PoolMonitor;
import io.vsip4x.sdk.model.UsageStats;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Reads the dashboard. The three platform reads (licence, hosts, pools) run side by side, each with
 * the page-read time-out of {@link PlatformClient#read}, so a platform that does not answer costs a
 * page one time-out, not three; a read that fails leaves its section {@code null} and the rest stands.
 * The pools' monitors are read side by side too, and a section not read within {@link #BUDGET} (a
 * platform slow on each of many pools) is left {@code null} as if it had failed, so that the page
 * never waits longer.
 * VMs running and in all are the sums of the pools' VM statistics ({@code getRepositoryMonitor}'s
 * {@code vmstatiscs}), the platform's own view, not the portal's records.
 */
@Service
class DashboardService {

    private static final Logger log = LoggerFactory.getLogger(DashboardService.class);
    /** The longest a dashboard read waits for the platform, whatever the number of pools. */
    static final Duration BUDGET = Duration.ofSeconds(8);

    private final PlatformClient platform;
    private final PlatformHealth health;
    private final LicenceWatch licences;
    private final DashboardQueries queries;
    private final Clock clock;
    private final ExecutorService reads = threads(6, "dashboard-read-");
    /** The pools' monitor reads, apart from {@link #reads} so that a pools read never waits for itself. */
    private final ExecutorService monitors = threads(8, "dashboard-monitor-");

    DashboardService(PlatformClient platform, PlatformHealth health, LicenceWatch licences,
            DashboardQueries queries, Clock clock) {
        this.platform = platform;
        this.health = health;
        this.licences = licences;
        this.queries = queries;
        this.clock = clock;
    }

    /** What the dashboard shows now; never throws for the platform's sake. */
    Dashboard read() {
        CompletableFuture<Probed> probed = CompletableFuture.supplyAsync(this::probe, reads)
                .completeOnTimeout(new Probed(null, BUDGET.toMillis()), BUDGET.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<Optional<Dashboard.Hosts>> hosts = async(this::hosts, "hosts");
        CompletableFuture<Optional<List<Dashboard.PoolUse>>> pools = async(this::pools, "pools");

        Dashboard.Queue queue = queries.queue();
        Dashboard.Callbacks callbacks = queries.callbacks();
        Optional<Licence> readLicence = Optional.ofNullable(probed.join().licence());
        Dashboard.Probe probe = new Dashboard.Probe(readLicence.isPresent(), probed.join().latencyMs());
        Optional<List<Dashboard.PoolUse>> readPools = pools.join();
        Optional<Dashboard.Hosts> readHosts = hosts.join();
        boolean available = readLicence.isPresent() && readHosts.isPresent() && readPools.isPresent();
        PlatformHealth.Reading reading = health.current();
        return new Dashboard(clock.instant(), available, readLicence.orElse(null), readHosts.orElse(null),
                readPools.map(DashboardService::vms).orElse(null), readPools.orElse(null), queue, callbacks, probe,
                new Dashboard.Health(reading.reachable(), reading.since()));
    }

    /** The licence read, or {@code null} when it failed, and how long the read took. */
    private record Probed(Licence licence, long latencyMs) {
    }

    /** Reads the licence, timed: the dashboard's live probe. */
    private Probed probe() {
        long start = System.nanoTime();
        Licence licence = null;
        try {
            licence = licences.read();
        } catch (Vsip4xException e) {
            log.info("The dashboard's probe of the platform failed: {}", e.getMessage());
        }
        return new Probed(licence, (System.nanoTime() - start) / 1_000_000);
    }

    private <T> CompletableFuture<Optional<T>> async(Supplier<T> read, String what) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Optional.of(read.get());
            } catch (Vsip4xException e) {
                log.info("The dashboard's {} could not be read from the platform: {}", what, e.getMessage());
                return Optional.<T>empty();
            }
        }, reads).completeOnTimeout(Optional.empty(), BUDGET.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Dashboard.Hosts hosts() {
        List<HostInfo> all = platform.read(c -> c.searchHostList(Map.of()));
        return new Dashboard.Hosts(all.stream().filter(HostInfo::online).count(), all.size());
    }

    /**
     * Every pool's use, the pools read side by side by their names (catalog A05); a vanished pool is
     * left out, and one monitor that fails fails the section.
     */
    private List<Dashboard.PoolUse> pools() {
        List<PoolInfo> listed = platform.read(c -> c.searchRepository(Map.of()));
        List<CompletableFuture<Optional<PoolMonitor>>> read = listed.stream()
                .map(p -> CompletableFuture.supplyAsync(() -> platform.read(c -> c.getRepositoryMonitor(p.name())),
                        monitors))
                .toList();
        try {
            return read.stream().map(CompletableFuture::join)
                    .flatMap(Optional::stream)
                    .map(DashboardService::use)
                    .toList();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Vsip4xException failed) {
                throw failed;
            }
            throw e;
        }
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

    private static ExecutorService threads(int count, String name) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(count, task -> {
            Thread thread = new Thread(task, name + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        reads.shutdownNow();
        monitors.shutdownNow();
    }
}
