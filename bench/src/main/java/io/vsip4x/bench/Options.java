package io.vsip4x.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's settings, from {@code --name=value} arguments.
 *
 * @param portalJar     the portal's executable jar
 * @param port          the portal's HTTP port on 127.0.0.1; 0 for a free one
 * @param clients       concurrent clients of the HTTP and callback phases
 * @param warmup        warm-up before each measured phase
 * @param duration      length of each measured phase
 * @param tenants       tenants seeded
 * @param vms           VMs seeded in the big tenant
 * @param pipelineVms   VMs taken from approval to running through the portal
 * @param wave          VMs per wave of the pipeline (the simulator's demo pool holds 128 of 1 vCPU)
 * @param baselineWaves waves of the simulator driven directly, for comparison
 * @param auditEvents   events written into the operation log before its queries (0: none)
 * @param auditChunk    events per transaction of that population
 * @param out           the Markdown file the results go to
 * @param note          a line added to the results, e.g. what the figures were measured on
 * @param keep          keep the scratch folder (data, portal log) after the run
 */
record Options(Path portalJar, int port, int clients, Duration warmup, Duration duration, int tenants, int vms,
        int pipelineVms, int wave, int baselineWaves, long auditEvents, int auditChunk, Path out, String note,
        boolean keep) {

    static final String USAGE = """
            Usage: java -jar bench/target/vsip4x-bench.jar [--name=value ...]   (from the repository's root)
              --portal-jar=PATH      the portal's jar (portal/target/vsip4x-portal.jar)
              --port=N               the portal's port on 127.0.0.1 (0: a free one)
              --clients=N            concurrent clients (32)
              --warmup=D             warm-up before each measured phase (5s)
              --duration=D           each measured phase (15s)
              --tenants=N            tenants seeded (100)
              --vms=N                VMs seeded in one tenant (10000)
              --pipeline-vms=N       VMs from approval to running (1000)
              --wave=N               VMs per pipeline wave, at most 120 (100)
              --baseline-waves=N     waves of the simulator driven directly (3)
              --audit-events=N       events written into the operation log (10000000; 0: none)
              --audit-chunk=N        events per transaction while writing them (250000)
              --out=PATH             results file (bench/results/latest.md)
              --note=TEXT            a line for the results file
              --keep                 keep the scratch folder with the portal's log
            Durations: 500ms, 15s, 2m.""";

    private static final Set<String> NAMES = Set.of("--portal-jar", "--port", "--clients", "--warmup",
            "--duration", "--tenants", "--vms", "--pipeline-vms", "--wave", "--baseline-waves", "--audit-events",
            "--audit-chunk", "--out", "--note", "--keep");

    static Options parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("Unknown option: " + arg);
            }
            if (eq < 0 && !name.equals("--keep")) {
                throw new IllegalArgumentException("Option " + name + " needs a value: " + name + "=...");
            }
            given.put(name, eq < 0 ? "" : arg.substring(eq + 1));
        }
        Options o = new Options(Path.of(given.getOrDefault("--portal-jar", "portal/target/vsip4x-portal.jar")),
                number(given, "--port", 0), number(given, "--clients", 32),
                duration(given.getOrDefault("--warmup", "5s")), duration(given.getOrDefault("--duration", "15s")),
                number(given, "--tenants", 100), number(given, "--vms", 10_000),
                number(given, "--pipeline-vms", 1000), number(given, "--wave", 100),
                number(given, "--baseline-waves", 3), number(given, "--audit-events", 10_000_000),
                number(given, "--audit-chunk", 250_000),
                Path.of(given.getOrDefault("--out", "bench/results/latest.md")), given.getOrDefault("--note", ""),
                given.containsKey("--keep"));
        if (o.clients < 1 || o.tenants < 2 || o.vms < 100 || o.pipelineVms < 1 || o.wave < 1 || o.wave > 120
                || o.baselineWaves < 0 || o.port < 0 || o.port > 65535 || o.auditEvents < 0
                || o.auditChunk < 1000 || o.auditChunk > 5_000_000) {
            throw new IllegalArgumentException("Out of range: at least 1 client, 2 tenants, 100 VMs; a wave of 1 "
                    + "to 120 VMs; a port from 0 to 65535; audit events from 0, in chunks of 1000 to 5000000");
        }
        return o;
    }

    private static int number(Map<String, String> given, String name, int fallback) {
        String v = given.get(name);
        try {
            return v == null ? fallback : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a whole number: " + name + "=" + v, e);
        }
    }

    /** {@code 500ms}, {@code 15s}, {@code 2m}. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a duration: " + text, e);
        }
        throw new IllegalArgumentException("Not a duration (500ms, 15s, 2m): " + text);
    }
}
