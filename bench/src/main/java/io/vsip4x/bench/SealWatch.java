package io.vsip4x.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the portal's audit sealer from the database: how far the chain's head
 * ({@code audit_chain.last_event_id}) trails the newest event, sampled while a phase writes events,
 * and how long after it the head reaches the last of them. It can also pause the sealer in the same
 * portal by holding the head's row lock, which the sealer takes first in each round.
 */
final class SealWatch implements AutoCloseable {

    private static final Duration EVERY = Duration.ofMillis(100);
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(5);
    private static final String BEHIND = """
            SELECT (SELECT MAX(id) FROM audit_event) - c.last_event_id,
                   COALESCE(TIMESTAMPDIFF(MICROSECOND,
                       (SELECT occurred_at FROM audit_event WHERE id > c.last_event_id ORDER BY id LIMIT 1),
                       CURRENT_TIMESTAMP(3)) DIV 1000, 0)
              FROM audit_chain c WHERE c.id = 1""";

    private final Connection db;
    private final Connection pause;
    private final List<long[]> samples = new ArrayList<>();
    private final AtomicBoolean sampling = new AtomicBoolean();
    private Thread sampler;

    /**
     * What the sealer did during a phase and after it.
     *
     * @param maxBacklog the most event ids written and not yet sealed at a sample
     * @param meanLagMs  the age of the oldest unsealed event, averaged over the samples
     * @param maxLagMs   the same at its highest
     * @param samples    samples taken (one every 100 ms)
     * @param backlog    event ids not yet sealed when the phase ended
     * @param drainMs    from the phase's end until all its events were sealed; -1 when that took
     *                   longer than five minutes
     */
    record Sealing(long maxBacklog, double meanLagMs, long maxLagMs, int samples, long backlog, long drainMs) {

        /** Events sealed per second while the backlog drained. */
        double drainPerSecond() {
            return drainMs > 0 ? backlog * 1000.0 / drainMs : 0;
        }
    }

    SealWatch(String jdbcUrl) throws SQLException {
        this.db = DriverManager.getConnection(jdbcUrl, "root", "");
        this.pause = DriverManager.getConnection(jdbcUrl, "root", "");
    }

    /** Starts sampling on a thread of its own. */
    void start() {
        samples.clear();
        sampling.set(true);
        sampler = new Thread(() -> {
            while (sampling.get()) {
                try {
                    long[] sample = behind();
                    synchronized (samples) {
                        samples.add(sample);
                    }
                } catch (SQLException e) {
                    Benchmark.LOG.warn("  the sealer's progress could not be read: {}", e.getMessage());
                    return;
                }
                LockSupport.parkNanos(EVERY.toNanos());
            }
        }, "bench-seal-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    /**
     * Stops sampling, then waits until the head reaches the newest event as it stands now.
     *
     * @throws IllegalStateException when the database cannot be read while waiting
     */
    Sealing stop() throws SQLException, InterruptedException {
        sampling.set(false);
        if (sampler != null) {
            sampler.join();
        }
        long maxBacklog = 0;
        long maxLag = 0;
        double lagSum = 0;
        int n;
        synchronized (samples) {
            n = samples.size();
            for (long[] s : samples) {
                maxBacklog = Math.max(maxBacklog, s[0]);
                maxLag = Math.max(maxLag, s[1]);
                lagSum += s[1];
            }
        }
        long backlog = behind()[0];
        return new Sealing(maxBacklog, n > 0 ? lagSum / n : 0, maxLag, n, backlog, drain(newest()));
    }

    /** The sealer waits for the head's row lock from its next round on, until {@link #resumeAndDrain()}. */
    void pauseSealer() throws SQLException {
        pause.setAutoCommit(false);
        try (Statement st = pause.createStatement();
                ResultSet rs = st.executeQuery("SELECT last_seq FROM audit_chain WHERE id = 1 FOR UPDATE")) {
            rs.next();
        }
    }

    /** Lets a paused sealer go on; answers the backlog it found and how long it took to seal it. */
    Sealing resumeAndDrain() throws SQLException {
        long backlog = behind()[0];
        long target = newest();
        resume();
        return new Sealing(backlog, 0, 0, 0, backlog, drain(target));
    }

    void resume() throws SQLException {
        pause.rollback();
        pause.setAutoCommit(true);
    }

    private long newest() throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(id) FROM audit_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The milliseconds until the head reaches event {@code target}, -1 beyond five minutes. */
    private long drain(long target) throws SQLException {
        long t0 = System.nanoTime();
        try (PreparedStatement st = db.prepareStatement("SELECT last_event_id >= ? FROM audit_chain WHERE id = 1")) {
            st.setLong(1, target);
            boolean sealed = Poll.until(() -> {
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                } catch (SQLException e) {
                    throw new IllegalStateException("The chain's head cannot be read", e);
                }
            }, DRAIN_LIMIT, Duration.ofMillis(20));
            return sealed ? (System.nanoTime() - t0) / 1_000_000 : -1;
        }
    }

    /** Event ids not yet sealed, and the oldest unsealed event's age in milliseconds. */
    private long[] behind() throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(BEHIND)) {
            rs.next();
            return new long[] {Math.max(0, rs.getLong(1)), Math.max(0, rs.getLong(2))};
        }
    }

    @Override
    public void close() throws SQLException {
        sampling.set(false);
        try {
            pause.close();
        } finally {
            db.close();
        }
    }
}
