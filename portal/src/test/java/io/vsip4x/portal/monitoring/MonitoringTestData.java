package io.vsip4x.portal.monitoring;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Monitoring rows written straight into the tables, as an earlier run of the portal left them. */
public final class MonitoringTestData {

    private MonitoringTestData() {
    }

    /**
     * A raw sample of {@code vmId} at {@code time} (epoch seconds): {@code cpu} percent and
     * {@code base} bytes (or bytes per second) for the rest, memory used half of a 2 GiB total.
     */
    public static void sample(JdbcClient jdbc, String vmId, long time, double cpu, long base) {
        jdbc.sql("""
                INSERT INTO vm_monitor_sample (vm_id, sampled_at, cpu_used, mem_used, mem_total, disk_read,
                                               disk_write, net_in, net_out, platform_time)
                VALUES (:vmId, :time, :cpu, :memUsed, :memTotal, :base, :base * 2, :base * 3, :base * 4, NULL)""")
                .param("vmId", vmId)
                .param("time", time)
                .param("cpu", cpu)
                .param("memUsed", 1L << 30)
                .param("memTotal", 2L << 30)
                .param("base", base)
                .update();
    }

    /** A ten-minute bucket of {@code vmId} starting at {@code start}, averaging {@code cpu} percent. */
    public static void bucket(JdbcClient jdbc, String vmId, long start, double cpu, long base) {
        jdbc.sql("""
                INSERT INTO vm_monitor_rollup (vm_id, bucket_start, samples, cpu_avg, cpu_max, mem_used_avg,
                                               mem_used_max, mem_total, disk_read_avg, disk_read_max,
                                               disk_write_avg, disk_write_max, net_in_avg, net_in_max,
                                               net_out_avg, net_out_max)
                VALUES (:vmId, :start, 10, :cpu, :cpu + 10, :memUsed, :memUsed, :memTotal, :base, :base,
                        :base * 2, :base * 2, :base * 3, :base * 3, :base * 4, :base * 4)""")
                .param("vmId", vmId)
                .param("start", start)
                .param("cpu", cpu)
                .param("memUsed", 1L << 30)
                .param("memTotal", 2L << 30)
                .param("base", base)
                .update();
    }
}
