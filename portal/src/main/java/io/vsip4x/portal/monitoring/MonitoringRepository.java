package io.vsip4x.portal.monitoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the monitoring tables ({@code vm_monitor_sample}, {@code vm_monitor_rollup}). Each
 * statement runs on its own, so a long pruning never holds locks for long.
 */
@Repository
class MonitoringRepository {

    /** The length of one roll-up bucket, in seconds. */
    static final long BUCKET_SECONDS = 600;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    MonitoringRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** The VMs the platform can sample: active in the inventory and last reported running (status 1). */
    List<String> runningVmIds() {
        return jdbc.sql("""
                SELECT vm_id
                  FROM vm
                 WHERE lifecycle = 'ACTIVE'
                   AND status = 1
                 ORDER BY vm_id""")
                .query(String.class)
                .list();
    }

    /** Stores raw samples in one batch; a second sample of a VM in the same second replaces the first. */
    void insert(List<Reading> readings) {
        SqlParameterSource[] rows = readings.stream().map(r -> new MapSqlParameterSource()
                .addValue("vmId", r.sample().vmId())
                .addValue("time", r.sample().time())
                .addValue("cpu", r.sample().cpuUsed())
                .addValue("memUsed", r.sample().memUsed())
                .addValue("memTotal", r.sample().memTotal())
                .addValue("diskRead", r.sample().diskRead())
                .addValue("diskWrite", r.sample().diskWrite())
                .addValue("netIn", r.sample().netIn())
                .addValue("netOut", r.sample().netOut())
                .addValue("platformTime", r.platformTime())).toArray(SqlParameterSource[]::new);
        batch.batchUpdate("""
                INSERT INTO vm_monitor_sample (vm_id, sampled_at, cpu_used, mem_used, mem_total, disk_read,
                                               disk_write, net_in, net_out, platform_time)
                VALUES (:vmId, :time, :cpu, :memUsed, :memTotal, :diskRead, :diskWrite, :netIn, :netOut,
                        :platformTime)
                ON DUPLICATE KEY UPDATE cpu_used = VALUES(cpu_used), mem_used = VALUES(mem_used),
                                        mem_total = VALUES(mem_total), disk_read = VALUES(disk_read),
                                        disk_write = VALUES(disk_write), net_in = VALUES(net_in),
                                        net_out = VALUES(net_out), platform_time = VALUES(platform_time)""", rows);
    }

    /** When the newest raw sample was taken (epoch seconds), or -1 when there is none. */
    long latestSampleTime() {
        return jdbc.sql("SELECT COALESCE(MAX(sampled_at), -1) FROM vm_monitor_sample").query(Long.class).single();
    }

    /** The start of the newest rolled-up bucket, if any. */
    OptionalLong lastRolledBucket() {
        Long last = jdbc.sql("SELECT COALESCE(MAX(bucket_start), -1) FROM vm_monitor_rollup")
                .query(Long.class).single();
        return last < 0 ? OptionalLong.empty() : OptionalLong.of(last);
    }

    /**
     * Rolls the raw samples taken in {@code [from, to)} (bucket boundaries) up into ten-minute
     * averages and maxima; a bucket rolled up before is computed again.
     *
     * @return the number of bucket rows written
     */
    int rollUp(long from, long to) {
        return jdbc.sql("""
                INSERT INTO vm_monitor_rollup (vm_id, bucket_start, samples, cpu_avg, cpu_max, mem_used_avg,
                                               mem_used_max, mem_total, disk_read_avg, disk_read_max,
                                               disk_write_avg, disk_write_max, net_in_avg, net_in_max,
                                               net_out_avg, net_out_max)
                SELECT vm_id, sampled_at - MOD(sampled_at, :bucket) AS bucket, COUNT(*), AVG(cpu_used), MAX(cpu_used),
                       ROUND(AVG(mem_used)), MAX(mem_used), MAX(mem_total), ROUND(AVG(disk_read)), MAX(disk_read),
                       ROUND(AVG(disk_write)), MAX(disk_write), ROUND(AVG(net_in)), MAX(net_in),
                       ROUND(AVG(net_out)), MAX(net_out)
                  FROM vm_monitor_sample
                 WHERE sampled_at >= :from
                   AND sampled_at < :to
                 GROUP BY vm_id, bucket
                ON DUPLICATE KEY UPDATE samples = VALUES(samples), cpu_avg = VALUES(cpu_avg),
                                        cpu_max = VALUES(cpu_max), mem_used_avg = VALUES(mem_used_avg),
                                        mem_used_max = VALUES(mem_used_max), mem_total = VALUES(mem_total),
                                        disk_read_avg = VALUES(disk_read_avg),
                                        disk_read_max = VALUES(disk_read_max),
                                        disk_write_avg = VALUES(disk_write_avg),
                                        disk_write_max = VALUES(disk_write_max), net_in_avg = VALUES(net_in_avg),
                                        net_in_max = VALUES(net_in_max), net_out_avg = VALUES(net_out_avg),
                                        net_out_max = VALUES(net_out_max)""")
                .param("bucket", BUCKET_SECONDS)
                .param("from", from)
                .param("to", to)
                .update();
    }

    /** Deletes at most {@code limit} raw samples taken before {@code before}; returns how many. */
    int deleteSamplesBefore(long before, int limit) {
        return jdbc.sql("DELETE FROM vm_monitor_sample WHERE sampled_at < :before LIMIT :limit")
                .param("before", before)
                .param("limit", limit)
                .update();
    }

    /** Deletes at most {@code limit} buckets that started before {@code before}; returns how many. */
    int deleteRollupsBefore(long before, int limit) {
        return jdbc.sql("DELETE FROM vm_monitor_rollup WHERE bucket_start < :before LIMIT :limit")
                .param("before", before)
                .param("limit", limit)
                .update();
    }

    /** The raw samples of {@code vmId} taken at or after {@code from}, oldest first. */
    List<Sample> samples(String vmId, long from) {
        return jdbc.sql("""
                SELECT vm_id, sampled_at, cpu_used, cpu_used, mem_used, mem_total, disk_read, disk_write,
                       net_in, net_out
                  FROM vm_monitor_sample
                 WHERE vm_id = :vmId
                   AND sampled_at >= :from
                 ORDER BY sampled_at""")
                .param("vmId", vmId)
                .param("from", from)
                .query(MonitoringRepository::map)
                .list();
    }

    /** The ten-minute averages of {@code vmId} whose bucket starts at or after {@code from}, oldest first. */
    List<Sample> rollups(String vmId, long from) {
        return jdbc.sql("""
                SELECT vm_id, bucket_start, cpu_avg, cpu_max, mem_used_avg, mem_total, disk_read_avg,
                       disk_write_avg, net_in_avg, net_out_avg
                  FROM vm_monitor_rollup
                 WHERE vm_id = :vmId
                   AND bucket_start >= :from
                 ORDER BY bucket_start""")
                .param("vmId", vmId)
                .param("from", from)
                .query(MonitoringRepository::map)
                .list();
    }

    private static Sample map(ResultSet rs, int row) throws SQLException {
        return new Sample(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getLong(5),
                rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10));
    }
}
