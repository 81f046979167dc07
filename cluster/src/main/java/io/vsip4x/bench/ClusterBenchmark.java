package io.vsip4x.bench;

import io.vsip4x.cluster.Cluster;
import io.vsip4x.cluster.Tls;
import io.vsip4x.sdk.callback.CallbackSignature;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * The benchmark's list and callback phases through nginx (deploy/nginx's file), first with one portal
 * node behind it, then with two, in one run: {@code java -jar cluster/target/vsip4x-cluster.jar} from
 * the repository's root after {@code ./mvnw -q -DskipTests package}. Writes the figures and the
 * two-to-one ratios to {@code cluster/results/latest.md}. See cluster/README.md.
 */
public final class ClusterBenchmark {

    private static final int SIGN_IN_ATTEMPTS = 8;
    private static final Duration WARM_ROUND = Duration.ofSeconds(10);

    private ClusterBenchmark() {
    }

    /** Runs the benchmark; exits with 2 for bad options, 1 when it fails. */
    public static void main(String[] args) {
        List<String> given = new ArrayList<>(Arrays.asList(args));
        if (given.contains("--help") || given.contains("-h")) {
            Benchmark.LOG.info("Usage: java -jar cluster/target/vsip4x-cluster.jar [--clients=N] [--warmup=D] "
                    + "[--duration=D] [--tenants=N] [--vms=N] [--out=PATH] [--keep]   (from the repository's root)");
            return;
        }
        if (given.stream().noneMatch(a -> a.startsWith("--out="))) {
            given.add("--out=cluster/results/latest.md");
        }
        Options options;
        try {
            options = Options.parse(given.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            Benchmark.LOG.error(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(options);
        } catch (Exception e) {
            Benchmark.LOG.error("The cluster benchmark failed: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    /** One node's or two nodes' figures. */
    record Figures(ListPhase.Result list, Stats callbacks, long accepted, long stored) {
    }

    static void run(Options options) throws Exception {
        ZonedDateTime at = ZonedDateTime.now();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Path scratch = Files.createTempDirectory("vsip4x-cluster-bench-");
        Cluster.Options clusterOptions = new Cluster.Options(Path.of("").toAbsolutePath(), scratch, 1, null, 1, false,
                List.of("-Xmx1g", "-XX:+UseParallelGC"),
                // The benchmark's demo accounts and seeded VMs; its VMs exist in the database only.
                List.of("--portal.demo.enabled=true", "--portal.platform.reconcile-interval=1h",
                        "--portal.platform.inventory-interval=1h"), List.of("--create-delay=0ms", "--power-delay=0ms"));
        boolean failed = true;
        Benchmark.LOG.info("Starting MariaDB, the simulator, one portal node and nginx in {} ...", scratch);
        try (Cluster cluster = Cluster.start(clusterOptions)) {
            SSLContext.setDefault(Tls.trusting(cluster.nginx().certificate()));
            Seeder.Seeded seeded;
            try (Connection db = cluster.database().connect()) {
                seeded = Seeder.seed(db, options.tenants(), options.vms());
            }
            Benchmark.LOG.info("Seeded {} VMs; one node behind nginx at {}:", options.vms(), cluster.nginx().https());
            Figures one = measure(cluster, seeded, options, "one");
            cluster.addNode();
            cluster.reproxy();
            Benchmark.LOG.info("Two nodes behind nginx:");
            Figures two = measure(cluster, seeded, options, "two");
            String md = ClusterReport.markdown(at, options, loadBefore,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), one, two);
            Path out = options.out();
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, md, StandardCharsets.UTF_8);
            Benchmark.LOG.info("\n{}\nWritten to {}", md, out.toAbsolutePath());
            failed = false;
        } finally {
            if (failed || options.keep()) {
                Benchmark.LOG.info("The scratch folder (the processes' logs) stays in {}", scratch);
            } else {
                Cluster.deleteTree(scratch);
            }
        }
    }

    private static Figures measure(Cluster cluster, Seeder.Seeded seeded, Options options, String run)
            throws Exception {
        PortalClient portal = new PortalClient(URI.create(cluster.nginx().https()));
        // An untimed round of every endpoint first, so that a node started just before (its JIT cold)
        // is measured as warm as the other.
        Options warm = new Options(options.portalJar(), options.port(), options.clients(), Duration.ZERO,
                WARM_ROUND, options.tenants(), options.vms(), options.pipelineVms(), options.wave(),
                options.baselineWaves(), options.auditEvents(), options.auditChunk(), options.out(), options.note(),
                options.keep());
        Benchmark.LOG.info("  warm-up round, not counted:");
        list(portal, warm);
        callbacks(cluster, "cluster-warm-" + run + "-" + Long.toString(System.currentTimeMillis(), 36),
                seeded.runningVmIds(), warm, new AtomicLong());
        Benchmark.LOG.info("  measured:");
        ListPhase.Result list = list(portal, options);
        String prefix = "cluster-" + run + "-" + Long.toString(System.currentTimeMillis(), 36);
        AtomicLong accepted = new AtomicLong();
        Stats callbacks = callbacks(cluster, prefix, seeded.runningVmIds(), options, accepted);
        Benchmark.LOG.info("  {}", Report.line(callbacks));
        long stored;
        try (Connection db = cluster.database().connect()) {
            stored = CallbackPhase.stored(db, prefix);
        }
        return new Figures(list, callbacks, accepted.get(), stored);
    }

    /**
     * The list phase's endpoints through nginx, as bench's {@link ListPhase} measures them. The page
     * needs a signed-in session through nginx (the nodes share sessions, so the form's post may reach
     * either node): when signing in keeps failing, the page is not measured ({@code null}) and the
     * stateless endpoints still are.
     */
    private static ListPhase.Result list(PortalClient portal, Options options) throws Exception {
        HttpClient http = portal.http();
        HttpRequest apiList = portal.apiGet(ListPhase.API_LIST, Seeder.BIG_ADMIN);
        HttpResponse<String> first = http.send(apiList, HttpResponse.BodyHandlers.ofString());
        if (first.statusCode() != 200) {
            throw new IllegalStateException("GET " + ListPhase.API_LIST + " answered " + first.statusCode());
        }
        HttpClient session = null;
        int pageBytes = 0;
        for (int attempt = 1; attempt <= SIGN_IN_ATTEMPTS && session == null; attempt++) {
            try {
                HttpClient signedIn = portal.signIn(Seeder.BIG_ADMIN, Seeder.PASSWORD);
                HttpResponse<String> page = signedIn.send(HttpRequest.newBuilder(portal.uri(ListPhase.PAGE))
                        .timeout(PortalClient.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() == 200) {
                    session = signedIn;
                    pageBytes = page.body().length();
                }
            } catch (IllegalStateException e) {
                Benchmark.LOG.info("  signing in through nginx failed ({}), attempt {}", e.getMessage(), attempt);
            }
        }
        Stats staticFile = ListPhase.measure("static " + ListPhase.STATIC, http, HttpRequest.newBuilder(
                portal.uri(ListPhase.STATIC)).timeout(PortalClient.TIMEOUT).build(), options);
        Stats page = null;
        if (session != null) {
            page = ListPhase.measure("page " + ListPhase.PAGE, session,
                    HttpRequest.newBuilder(portal.uri(ListPhase.PAGE)).timeout(PortalClient.TIMEOUT).build(), options);
        } else {
            Benchmark.LOG.info("  page {} not measured: no signed-in session through nginx", ListPhase.PAGE);
        }
        Stats list = ListPhase.measure("API " + ListPhase.API_LIST, http, apiList, options);
        Stats me = ListPhase.measure("API " + ListPhase.API_ME, http,
                portal.apiGet(ListPhase.API_ME, Seeder.BIG_ADMIN), options);
        return new ListPhase.Result(staticFile, page, list, me, PortalClient.listedVms(first.body()), pageBytes);
    }

    /** The callback phase's signed events, posted to nginx's callback listener by the clients. */
    private static Stats callbacks(Cluster cluster, String prefix, List<String> runningVms, Options options,
            AtomicLong accepted) throws InterruptedException {
        CallbackSignature signature = new CallbackSignature(cluster.callbackSecret());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI url = URI.create(cluster.nginx().callbackUrl());
        AtomicLong next = new AtomicLong();
        return Load.run("callbacks through nginx", options.clients(), options.warmup(), options.duration(),
                () -> CallbackPhase.send(http, url, signature,
                        CallbackPhase.event(prefix, next.getAndIncrement(), runningVms), accepted), null);
    }
}
