package io.vsip4x.bench;

import io.vsip4x.sdk.callback.CallbackSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Callback ingestion: signed events, each with an event id of its own, for the seeded running VMs
 * with rising sequences (shut down, started, shut down...), posted by concurrent clients to
 * {@code /platform/callback} and counted when answered 204; against plain single-row inserts
 * into a scratch table of the same MariaDB with the same concurrency, in the same run. One page
 * session listens to the live events meanwhile, to show the events are pushed. The callbacks run
 * three times: with the audit sealer chaining their events as it does (watched by {@link SealWatch}),
 * then with the sealer paused, which then seals the backlog, then with it running again.
 */
final class CallbackPhase {

    /** The embedded default's callback secret (public: it is the demo's). */
    static final String SECRET = "sim-callback-secret";
    private static final String SCRATCH = "bench_scratch";

    /**
     * @param callbacks accepted callbacks, the audit sealer running
     * @param paused    accepted callbacks right after, the sealer paused
     * @param again     accepted callbacks after that, the sealer running again
     * @param inserts   plain inserts
     * @param accepted  callbacks answered 204 over warm-up and measured time of the three runs
     * @param stored    of them, the events the portal's table holds
     * @param pushed    live events one open page received meanwhile
     * @param threads   what the portal's request threads did half-way through (a thread dump)
     * @param sealing   the sealer during and after the first run
     * @param catchUp   the sealer after the second run, when it resumed
     */
    record Result(Stats callbacks, Stats paused, Stats again, Stats inserts, long accepted, long stored, long pushed,
            String threads, SealWatch.Sealing sealing, SealWatch.Sealing catchUp) {
    }

    private CallbackPhase() {
    }

    static Result run(PortalClient portal, PortalProcess process, List<String> runningVms, Options options,
            Path scratch) throws IOException, InterruptedException, SQLException {
        String run = Long.toString(System.currentTimeMillis(), 36);
        AtomicLong next = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong pushed = listen(portal);
        AtomicReference<String> threads = new AtomicReference<>("");
        Stats callbacks;
        Stats paused;
        Stats again;
        SealWatch.Sealing sealing;
        SealWatch.Sealing catchUp;
        try (SealWatch watch = new SealWatch(process.jdbcUrl("vsip4x"))) {
            watch.start();
            callbacks = post("callbacks /platform/callback", portal, run, next, accepted, runningVms, options,
                    () -> threads.set(ThreadDumps.summary(process.pid(), scratch.resolve("callbacks-threads.txt"))));
            sealing = watch.stop();
            Benchmark.LOG.info("  {}", Report.line(callbacks));
            Benchmark.LOG.info("  sealer: at most {} events behind, lag {} ms on average and {} ms at most; all "
                    + "sealed {} ms after the last callback", sealing.maxBacklog(), Math.round(sealing.meanLagMs()),
                    sealing.maxLagMs(), sealing.drainMs());

            watch.pauseSealer();
            try {
                paused = post("callbacks, audit sealer paused", portal, run, next, accepted, runningVms, options,
                        null);
            } catch (InterruptedException | RuntimeException e) {
                watch.resume();
                throw e;
            }
            catchUp = watch.resumeAndDrain();
            Benchmark.LOG.info("  {}", Report.line(paused));
            Benchmark.LOG.info("  sealer resumed: {} events sealed in {} ms ({} events/s)", catchUp.backlog(),
                    catchUp.drainMs(), Math.round(catchUp.drainPerSecond()));

            // The sealer running once more, so that the order of the runs shows in the comparison.
            again = post("callbacks, audit sealer running again", portal, run, next, accepted, runningVms, options,
                    null);
            Benchmark.LOG.info("  {}", Report.line(again));
        }
        long stored;
        try (Connection db = DriverManager.getConnection(process.jdbcUrl("vsip4x"), "root", "")) {
            stored = stored(db, run);
        }
        Stats inserts = inserts(process, options);
        Benchmark.LOG.info("  {}", Report.line(inserts));
        return new Result(callbacks, paused, again, inserts, accepted.get(), stored, pushed.get(), threads.get(),
                sealing, catchUp);
    }

    /** One run of the clients posting callbacks, numbered on from {@code next}. */
    private static Stats post(String name, PortalClient portal, String run, AtomicLong next, AtomicLong accepted,
            List<String> runningVms, Options options, Runnable onMeasuring) throws InterruptedException {
        CallbackSignature signature = new CallbackSignature(SECRET);
        HttpClient http = portal.http();
        URI url = portal.uri("/platform/callback");
        return Load.run(name, options.clients(), options.warmup(), options.duration(),
                () -> send(http, url, signature, event(run, next.getAndIncrement(), runningVms), accepted),
                onMeasuring);
    }

    /**
     * Posts one event's {@code body}, signed with {@code signature}, to {@code url}.
     *
     * @return whether it was answered 204 (then counted in {@code accepted})
     */
    static boolean send(HttpClient http, URI url, CallbackSignature signature, byte[] body, AtomicLong accepted)
            throws IOException, InterruptedException {
        long now = System.currentTimeMillis();
        HttpRequest post = HttpRequest.newBuilder(url)
                .timeout(PortalClient.TIMEOUT)
                .header("Content-Type", "application/json")
                .header(CallbackSignature.TIMESTAMP_HEADER, Long.toString(now))
                .header(CallbackSignature.SIGNATURE_HEADER, signature.sign(now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        boolean ok = http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
        if (ok) {
            accepted.incrementAndGet();
        }
        return ok;
    }

    /** How many of the events of {@code run} the portal's table {@code callback_event} holds. */
    static long stored(Connection db, String run) throws SQLException {
        String sql = "SELECT COUNT(*) FROM callback_event WHERE event_id LIKE ?";
        try (PreparedStatement st = db.prepareStatement(sql)) {
            st.setString(1, "bench-" + run + "-%");
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Event {@code i}: VM {@code i mod n} of the running ones, its sequence {@code i / n + 1};
     * odd sequences shut it down, even ones start it again.
     */
    static byte[] event(String run, long i, List<String> vms) {
        String vm = vms.get((int) (i % vms.size()));
        long sequence = i / vms.size() + 1;
        boolean shutdown = sequence % 2 == 1;
        return String.format("{\"eventId\":\"bench-%s-%d\",\"vmId\":\"%s\",\"operation\":\"%s\",\"result\":\"%s\","
                + "\"resultinfo\":\"ok\",\"status\":\"%d\",\"hostId\":\"host-01\",\"sequence\":%d,"
                + "\"occurredAt\":\"%s\"}", run, i, vm, shutdown ? "shutdownVm" : "startVm",
                shutdown ? "2011" : "2010", shutdown ? 0 : 1, sequence, Instant.now())
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Opens the live events of the big tenant's admin and counts the events that arrive. */
    private static AtomicLong listen(PortalClient portal) throws IOException, InterruptedException {
        AtomicLong events = new AtomicLong();
        HttpClient session = portal.signIn(Seeder.BIG_ADMIN, Seeder.PASSWORD);
        HttpRequest live = HttpRequest.newBuilder(portal.uri("/live")).header("Accept", "text/event-stream").build();
        session.sendAsync(live, HttpResponse.BodyHandlers.ofLines()).thenAccept(answer -> {
            try (Stream<String> lines = answer.body()) {
                lines.filter(line -> line.startsWith("event:")).forEach(line -> events.incrementAndGet());
            } catch (RuntimeException e) {
                Benchmark.LOG.debug("The live events ended: {}", e.toString());
            }
        });
        return events;
    }

    /** Single-row inserts with autocommit, one connection per client, into a scratch schema dropped after. */
    private static Stats inserts(PortalProcess process, Options options) throws SQLException, InterruptedException {
        String url = process.jdbcUrl("");
        try (Connection admin = DriverManager.getConnection(url, "root", "");
                Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS " + SCRATCH);
            st.execute("""
                    CREATE TABLE IF NOT EXISTS bench_scratch.event (
                        event_id VARCHAR(64) NOT NULL PRIMARY KEY, vm_id VARCHAR(64) NOT NULL,
                        operation VARCHAR(32) NOT NULL, result_code VARCHAR(16) NOT NULL, status INT NULL,
                        sequence BIGINT NOT NULL, received_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
                    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci""");
        }
        List<Connection> connections = new CopyOnWriteArrayList<>();
        ThreadLocal<PreparedStatement> statements = ThreadLocal.withInitial(() -> {
            try {
                Connection c = DriverManager.getConnection(url + SCRATCH, "root", "");
                connections.add(c);
                return c.prepareStatement("INSERT INTO event (event_id, vm_id, operation, result_code, status, "
                        + "sequence) VALUES (?, ?, 'startVm', '2010', 1, ?)");
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot connect to the embedded MariaDB", e);
            }
        });
        AtomicLong next = new AtomicLong();
        try {
            return Load.run("plain single-row INSERTs", options.clients(), options.warmup(), options.duration(),
                    () -> {
                        long i = next.getAndIncrement();
                        PreparedStatement insert = statements.get();
                        insert.setString(1, "insert-" + i);
                        insert.setString(2, String.format("bvm-%05d", i % 10_000));
                        insert.setLong(3, i);
                        return insert.executeUpdate() == 1;
                    }, null);
        } finally {
            for (Connection c : connections) {
                c.close();
            }
            try (Connection admin = DriverManager.getConnection(url, "root", "");
                    Statement st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + SCRATCH);
            }
        }
    }
}
