package io.vsip4x.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline: VMs requested through the API (requests of up to 20), approved together by the
 * approver, and timed from the approval until all run, polling the database. The simulator's demo
 * pool holds 128 VMs of 1 vCPU, so they go in waves; between waves (not timed) the benchmark
 * deletes the wave's VMs at the simulator and marks them deleted in the portal. Where the time
 * went comes from the portal's own rows: operations (queued, sent, completed) and the callbacks'
 * arrival. A first wave of 20 warms the path up and is not counted.
 */
final class PipelinePhase {

    private static final Duration WAVE_TIMEOUT = Duration.ofMinutes(2);

    /**
     * Mean milliseconds per VM of each stage.
     *
     * @param createQueue    approval (the create operation written) to {@code createVm} sent
     * @param createPlatform {@code createVm} sent to the creation's callback stored (status 0)
     * @param reaction       that callback to the start operation written
     * @param startQueue     start operation written to {@code startVm} sent
     * @param startPlatform  {@code startVm} sent to the running callback stored
     * @param total          approval to running
     */
    record Stages(double createQueue, double createPlatform, double reaction, double startQueue,
            double startPlatform, double total) {

        double portal() {
            return createQueue + reaction + startQueue;
        }

        double platform() {
            return createPlatform + startPlatform;
        }
    }

    /**
     * @param vms            VMs taken to running
     * @param seconds        approval to all running, summed over the waves
     * @param stages         mean per VM
     * @param serialSeconds  the simulator alone with one sender (as the portal's one dispatcher), summed
     * @param parallelSeconds the simulator alone with four senders, summed
     * @param baselineVms    VMs of each simulator-alone run
     */
    record Result(int vms, double seconds, Stages stages, double serialSeconds, double parallelSeconds,
            int baselineVms) {

        double perSecond() {
            return vms / seconds;
        }

        double serialPerSecond() {
            return serialSeconds > 0 ? baselineVms / serialSeconds : 0;
        }

        double parallelPerSecond() {
            return parallelSeconds > 0 ? baselineVms / parallelSeconds : 0;
        }
    }

    private PipelinePhase() {
    }

    static Result run(PortalClient portal, Connection db, PlatformDirect platform, Options options)
            throws IOException, InterruptedException, SQLException {
        Wave warmup = wave(portal, db, platform, PlatformDirect.CHUNK, "warm-up");
        Benchmark.LOG.info("  warm-up wave: {} VMs in {} s (not counted)", PlatformDirect.CHUNK,
                String.format("%.2f", warmup.seconds()));
        int done = 0;
        double seconds = 0;
        double[] sums = new double[6];
        for (int n = 0; done < options.pipelineVms(); n++) {
            int size = Math.min(options.wave(), options.pipelineVms() - done);
            Wave wave = wave(portal, db, platform, size, "wave " + n);
            seconds += wave.seconds();
            for (int i = 0; i < sums.length; i++) {
                sums[i] += wave.stages()[i] * size;
            }
            Benchmark.LOG.info("  wave {}: {} VMs approved to running in {} s", n, size,
                    String.format("%.2f", wave.seconds()));
            done += size;
        }
        Stages stages = new Stages(sums[0] / done, sums[1] / done, sums[2] / done, sums[3] / done, sums[4] / done,
                sums[5] / done);
        int baselineVms = options.baselineWaves() * options.wave();
        double serial = 0;
        double parallel = 0;
        if (baselineVms > 0) {
            serial = platform.baseline(options.baselineWaves(), options.wave(), 1);
            parallel = platform.baseline(options.baselineWaves(), options.wave(), 4);
        }
        return new Result(done, seconds, stages, serial, parallel, baselineVms);
    }

    /** One wave's seconds from approval to all running, and its stages' mean milliseconds per VM. */
    private record Wave(double seconds, double[] stages) {
    }

    /**
     * Requests {@code size} VMs, approves them, waits until all run, reads the stages, then clears
     * them away at the simulator and in the portal.
     */
    private static Wave wave(PortalClient portal, Connection db, PlatformDirect platform, int size, String name)
            throws IOException, InterruptedException, SQLException {
        List<Long> requests = submit(portal, size);
        String in = requests.stream().map(String::valueOf).collect(Collectors.joining(","));
        long t0 = System.nanoTime();
        portal.apiPost("/api/v1/approvals/decide", Seeder.PIPE_APPROVER,
                "{\"ids\":[" + in + "],\"action\":\"APPROVE\"}");
        boolean running = Poll.until(() -> count(db, "SELECT COUNT(*) FROM vm WHERE status = 1 AND lifecycle = "
                + "'ACTIVE' AND request_id IN (" + in + ")") >= size, WAVE_TIMEOUT, Duration.ofMillis(10));
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!running) {
            throw new IllegalStateException(name + ": " + count(db, "SELECT COUNT(*) FROM vm WHERE status = 1 AND "
                    + "request_id IN (" + in + ")") + " of " + size + " VMs running after "
                    + WAVE_TIMEOUT.toSeconds() + " s; failed: " + count(db, "SELECT COUNT(*) FROM vm WHERE "
                    + "lifecycle = 'FAILED' AND request_id IN (" + in + ")"));
        }
        double[] stages = stages(db, in);
        platform.clear(vmIds(db, in));
        try (Statement st = db.createStatement()) {
            st.executeUpdate("UPDATE vm SET lifecycle = 'DELETED', status = NULL WHERE request_id IN (" + in + ")");
        }
        return new Wave(seconds, stages);
    }

    /** Requests of up to 20 VMs, {@code size} in all, as the pipeline's requester. */
    private static List<Long> submit(PortalClient portal, int size) throws IOException, InterruptedException {
        List<Long> ids = new ArrayList<>();
        for (int left = size; left > 0; left -= PlatformDirect.CHUNK) {
            int count = Math.min(left, PlatformDirect.CHUNK);
            JsonNode request = portal.apiPost("/api/v1/requests", Seeder.PIPE_USER, String.format(
                    "{\"templateId\":\"%s\",\"repoName\":\"%s\",\"cpu\":%d,\"memoryMb\":%d,\"diskGb\":%d,"
                    + "\"count\":%d,\"network\":\"%s\",\"reason\":\"benchmark\"}", PlatformDirect.TEMPLATE,
                    PlatformDirect.POOL, PlatformDirect.CPU, PlatformDirect.MEMORY_MB, PlatformDirect.DISK_GB, count,
                    PlatformDirect.NETWORK));
            ids.add(request.get("id").asLong());
        }
        return ids;
    }

    /** The mean milliseconds per VM of each stage, from operations and stored callbacks. */
    private static double[] stages(Connection db, String requestIds) throws SQLException {
        String sql = """
                SELECT AVG(TIMESTAMPDIFF(MICROSECOND, c.created_at, COALESCE(c.sent_at, c.completed_at))),
                       AVG(TIMESTAMPDIFF(MICROSECOND, COALESCE(c.sent_at, c.completed_at), e1.received_at)),
                       AVG(TIMESTAMPDIFF(MICROSECOND, e1.received_at, s.created_at)),
                       AVG(TIMESTAMPDIFF(MICROSECOND, s.created_at, COALESCE(s.sent_at, s.completed_at))),
                       AVG(TIMESTAMPDIFF(MICROSECOND, COALESCE(s.sent_at, s.completed_at), e2.received_at)),
                       AVG(TIMESTAMPDIFF(MICROSECOND, c.created_at, e2.received_at))
                FROM vm v
                JOIN operation c ON c.request_id = v.request_id AND c.kind = 'CREATE_VM'
                JOIN callback_event e1 ON e1.vm_id = v.vm_id AND e1.operation = 'createVm' AND e1.status = 0
                JOIN operation s ON s.vm_id = v.vm_id AND s.kind = 'START_VM'
                JOIN callback_event e2 ON e2.vm_id = v.vm_id AND e2.operation = 'startVm' AND e2.status = 1
                WHERE v.request_id IN (%s)""".formatted(requestIds);
        double[] ms = new double[6];
        try (PreparedStatement st = db.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            for (int i = 0; i < ms.length; i++) {
                ms[i] = rs.getDouble(i + 1) / 1000.0;
            }
        }
        return ms;
    }

    private static List<String> vmIds(Connection db, String requestIds) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("SELECT vm_id FROM vm WHERE request_id IN (" + requestIds
                + ")"); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static long count(Connection db, String sql) {
        try (PreparedStatement st = db.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the portal's database: " + e.getMessage(), e);
        }
    }
}
