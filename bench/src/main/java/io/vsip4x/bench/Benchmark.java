package io.vsip4x.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's entry point: {@code java -jar bench/target/vsip4x-bench.jar} from the repository's
 * root, after {@code ./mvnw -q -DskipTests package}. Starts a portal in a scratch folder, seeds it,
 * measures, writes {@code bench/results/latest.md} and stops the portal whatever happens.
 */
public final class Benchmark {

    /** The benchmark's output. */
    static final Logger LOG = LoggerFactory.getLogger("io.vsip4x.bench");

    private Benchmark() {
    }

    /** Runs the benchmark; exits with 2 for bad options, 1 when a phase fails. */
    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            LOG.info(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            LOG.error("{}\n{}", e.getMessage(), Options.USAGE);
            System.exit(2);
            return;
        }
        try {
            run(options);
        } catch (IllegalStateException e) {
            LOG.error("The benchmark failed: {}", e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            LOG.error("The benchmark failed: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    static void run(Options options) throws Exception {
        ZonedDateTime at = ZonedDateTime.now();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long t0 = System.nanoTime();
        Path scratch = Files.createTempDirectory("vsip4x-bench-");
        boolean keep = options.keep();
        LOG.info("Starting the portal in {} (simulator delays 0) ...", scratch);
        try (PortalProcess portal = PortalProcess.start(options.portalJar(), scratch, options.port())) {
            LOG.info("Portal {} up (pid {}), MariaDB at {}, simulator at {}", portal.url(), portal.pid(),
                    portal.jdbcUrl("vsip4x"), portal.simulatorUrl());
            try (Connection db = DriverManager.getConnection(portal.jdbcUrl("vsip4x"), "root", "")) {
                long s0 = System.nanoTime();
                Seeder.Seeded seeded = Seeder.seed(db, options.tenants(), options.vms());
                LOG.info("Seeded {} tenants and {} VMs ({} running) in {} s", options.tenants(), options.vms(),
                        seeded.runningVmIds().size(), String.format("%.1f", (System.nanoTime() - s0) / 1e9));
                PortalClient client = new PortalClient(portal.url());
                LOG.info("VM list against a static file, {} clients:", options.clients());
                ListPhase.Result list = ListPhase.run(client, options);
                LOG.info("Pipeline, {} VMs in waves of {}:", options.pipelineVms(), options.wave());
                PipelinePhase.Result pipeline = PipelinePhase.run(client, db,
                        new PlatformDirect(portal.simulatorUrl()), options);
                LOG.info("  {} VMs/s through the portal; the simulator alone {} VMs/s (one sender), {} (four)",
                        String.format("%.1f", pipeline.perSecond()), String.format("%.1f", pipeline.serialPerSecond()),
                        String.format("%.1f", pipeline.parallelPerSecond()));
                AuditSeeder.Populated populated = null;
                if (options.auditEvents() > 0) {
                    LOG.info("Operation log, {} events in transactions of {}:", options.auditEvents(),
                            options.auditChunk());
                    try (Connection audit = DriverManager.getConnection(portal.jdbcUrl("vsip4x"), "root", "")) {
                        populated = AuditSeeder.populate(audit, options.auditEvents(), options.auditChunk(),
                                options.tenants(), Instant.now());
                    }
                    LOG.info("  {} events written and sealed in {} s ({} events/s)", populated.events(),
                            String.format("%.1f", populated.seconds()), Math.round(populated.perSecond()));
                }
                LOG.info("The operation log's search, {} clients:", options.clients());
                AuditPhase.Result audit = AuditPhase.run(client, options);
                LOG.info("Callbacks against plain inserts, {} clients:", options.clients());
                CallbackPhase.Result callbacks = CallbackPhase.run(client, portal, seeded.runningVmIds(), options,
                        scratch);
                LOG.info("  {}", callbacks.threads());
                Report.Setting setting = new Report.Setting(at, commit(), options,
                        Duration.ofNanos(System.nanoTime() - t0), loadBefore,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                String md = Report.markdown(setting, list, callbacks, pipeline, populated, audit);
                Path out = options.out();
                if (out.getParent() != null) {
                    Files.createDirectories(out.getParent());
                }
                Files.writeString(out, md, StandardCharsets.UTF_8);
                LOG.info("\n{}\nWritten to {}", md, out.toAbsolutePath());
            }
        } catch (Exception e) {
            keep = Files.exists(scratch.resolve("portal.log"));
            throw e;
        } finally {
            if (keep) {
                LOG.info("The scratch folder (the portal's log, the thread dumps) stays in {}", scratch);
            } else {
                delete(scratch);
            }
        }
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not remove the scratch folder {}: {}", dir, e.getMessage());
        }
    }
}
