package io.vsip4x.portal.admin.hosts;

import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of {@code host_monitor_sample}; each statement runs on its own. */
@Repository
class HostSampleRepository {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    HostSampleRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Stores samples in one batch; a second sample of a host in the same second replaces the first. */
    void insert(List<HostSample> samples) {
        SqlParameterSource[] rows = samples.stream().map(s -> new MapSqlParameterSource()
                .addValue("hostId", s.hostId())
                .addValue("time", s.time())
                .addValue("cpu", s.cpuUsed())
                .addValue("memUsed", s.memUsed())
                .addValue("memTotal", s.memTotal())
                .addValue("diskRead", s.diskRead())
                .addValue("diskWrite", s.diskWrite())
                .addValue("netIn", s.netIn())
                .addValue("netOut", s.netOut())
                .addValue("load", s.load())).toArray(SqlParameterSource[]::new);
        batch.batchUpdate("""
                INSERT INTO host_monitor_sample (host_id, sampled_at, cpu_used, mem_used, mem_total, disk_read,
                                                 disk_write, net_in, net_out, load_avg)
                VALUES (:hostId, :time, :cpu, :memUsed, :memTotal, :diskRead, :diskWrite, :netIn, :netOut, :load)
                ON DUPLICATE KEY UPDATE cpu_used = VALUES(cpu_used), mem_used = VALUES(mem_used),
                                        mem_total = VALUES(mem_total), disk_read = VALUES(disk_read),
                                        disk_write = VALUES(disk_write), net_in = VALUES(net_in),
                                        net_out = VALUES(net_out), load_avg = VALUES(load_avg)""", rows);
    }

    /** When the newest sample was taken (epoch seconds), or -1 when there is none. */
    long latestSampleTime() {
        return jdbc.sql("SELECT COALESCE(MAX(sampled_at), -1) FROM host_monitor_sample").query(Long.class).single();
    }

    /** Deletes at most {@code limit} samples taken before {@code before}; returns how many. */
    int deleteBefore(long before, int limit) {
        return jdbc.sql("DELETE FROM host_monitor_sample WHERE sampled_at < :before LIMIT :limit")
                .param("before", before)
                .param("limit", limit)
                .update();
    }

    /** The samples of {@code hostId} taken at or after {@code from}, oldest first. */
    List<HostSample> samples(String hostId, long from) {
        return jdbc.sql("""
                SELECT host_id, sampled_at, cpu_used, mem_used, mem_total, disk_read, disk_write, net_in, net_out,
                       load_avg
                  FROM host_monitor_sample
                 WHERE host_id = :hostId
                   AND sampled_at >= :from
                 ORDER BY sampled_at""")
                .param("hostId", hostId)
                .param("from", from)
                .query((rs, n) -> new HostSample(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                        rs.getObject(10) == null ? null : rs.getDouble(10)))
                .list();
    }
}
