package io.vsip4x.bench;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results as console lines and as the Markdown file the README links to. */
final class Report {

    /** The issue's goals. */
    static final double LIST_RATIO_GOAL = 0.5;
    static final double LIST_P99_GOAL_MS = 50;
    static final double CALLBACKS_GOAL = 2000;
    /** The pipeline counts as limited by the simulator when it reaches this share of the simulator alone. */
    static final double PIPELINE_SHARE_GOAL = 0.8;
    /**
     * Callbacks per second before the audit chain: bench/results/latest.md of 2026-12-05 02:56 UTC,
     * portal commit {@code e953781}, measured on main after issue 5 (another run: not a ratio).
     */
    static final double ISSUE5_CALLBACKS = 1069.4;
    static final String ISSUE5_SOURCE = "2026-12-05 02:56 UTC, commit `e953781`";

    /** Where and how the figures were taken. */
    record Setting(ZonedDateTime at, String commit, Options options, Duration took,
            double loadBefore, double loadAfter) {
    }

    private Report() {
    }

    static String line(Stats s) {
        return String.format(Locale.ROOT, "%-40s %9.1f/s  p50 %8.1f ms  p99 %8.1f ms  (%d other answers)", s.name(),
                s.perSecond(), s.p50Ms(), s.p99Ms(), s.failed());
    }

    /** The longest prose line of the results file. */
    static final int WIDTH = 100;

    static String markdown(Setting setting, ListPhase.Result list, CallbackPhase.Result callbacks,
            PipelinePhase.Result pipeline, AuditSeeder.Populated populated, AuditPhase.Result audit) {
        Options o = setting.options();
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark: latest figures\n\n");
        md.append(String.format(Locale.ROOT, "Measured %s with `java -jar bench/target/vsip4x-bench.jar` on %d "
                + "cores (%s %s), JVM %s %s, portal commit `%s`; the run took %d s. ",
                setting.at().withZoneSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                        "yyyy-MM-dd HH:mm 'UTC'")), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), setting.commit(), setting.took().toSeconds()));
        md.append(String.format(Locale.ROOT, "Seeded %d tenants, %d VMs in one of them and %,d events in the "
                + "operation log. %d concurrent clients; "
                + "each HTTP and callback phase %d s of warm-up, then %d s measured. The portal, its MariaDB, its "
                + "simulator and the clients share this machine: compare the ratios, not the absolute figures "
                + "(see [the method](../README.md)).\n\n", o.tenants(), o.vms(), populated == null ? 0
                : populated.events(), o.clients(), o.warmup().toSeconds(),
                o.duration().toSeconds()));
        md.append(String.format(Locale.ROOT, "The machine's load average (1 min) was %.1f when the run began and "
                + "%.1f when it ended: other work on the machine takes its share of the cores too.%n%n",
                setting.loadBefore(), setting.loadAfter()));
        if (!o.note().isBlank()) {
            md.append(o.note()).append("\n\n");
        }
        md.append("| what | measured | goal | met |\n| --- | --- | --- | --- |\n");
        listRow(md, "VM list page `/vms`", list.page(), list.staticFile());
        listRow(md, "VM list API, one filtered page", list.apiList(), list.staticFile());
        double cbRatio = callbacks.callbacks().perSecond() / callbacks.inserts().perSecond();
        md.append(String.format(Locale.ROOT, "| callbacks accepted (204), audit sealer running | %.0f/s, %.2f× plain "
                + "INSERTs (%.0f/s) | ≥ 2,000/s | %s |\n", callbacks.callbacks().perSecond(), cbRatio,
                callbacks.inserts().perSecond(), met(callbacks.callbacks().perSecond() >= CALLBACKS_GOAL)));
        md.append(String.format(Locale.ROOT, "| the same, sealer paused (%.0f/s) | %.2f× before, %.2f× after; "
                + "issue 5: %.0f/s | holds with auditing on | — |\n", callbacks.paused().perSecond(),
                ratio(callbacks.callbacks(), callbacks.paused()), ratio(callbacks.again(), callbacks.paused()),
                ISSUE5_CALLBACKS));
        double share = pipeline.parallelPerSecond() > 0 ? pipeline.perSecond() / pipeline.parallelPerSecond() : 0;
        md.append(String.format(Locale.ROOT, "| pipeline, approval to running | %.1f VMs/s, %.2f× the simulator "
                + "alone (%.1f VMs/s) | ≥ %.1f× the simulator | %s |\n",
                pipeline.perSecond(), share, pipeline.parallelPerSecond(), PIPELINE_SHARE_GOAL,
                met(share >= PIPELINE_SHARE_GOAL)));
        AuditReport.summaryRows(md, audit, list.staticFile());
        md.append('\n');
        md.append(String.format(Locale.ROOT, "Per VM of the pipeline, %.0f ms were spent in the portal and %.0f ms "
                + "at the platform. The goals are the issues': the list at least half the static page's throughput "
                + "with p99 under 50 ms at 32 clients; at least 2,000 callbacks per second, a rate that still holds "
                + "with auditing on; the pipeline limited by the simulator, not by the portal; the operation log's "
                + "pages fast with ten million events (issue 6 sets no figure). The issue-5 callback rate is from "
                + "another run (%s), not a ratio.%n%n", pipeline.stages().portal(), pipeline.stages().platform(),
                ISSUE5_SOURCE));

        md.append("## Requests\n\n| measured | requests/s | p50 | p99 | ratio to static | other answers |\n"
                + "| --- | --- | --- | --- | --- | --- |\n");
        List<Stats> rows = new ArrayList<>(List.of(list.staticFile(), list.page(), list.apiList(), list.apiMe()));
        if (audit.measured()) {
            rows.addAll(List.of(audit.filtered(), audit.later(), audit.unfiltered()));
        }
        List<Stats> unrelated = List.of(callbacks.callbacks(), callbacks.paused(), callbacks.again(),
                callbacks.inserts());
        rows.addAll(unrelated);
        for (Stats s : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f ms | %.1f ms | %s | %d |\n", s.name(),
                    s.perSecond(), s.p50Ms(), s.p99Ms(), unrelated.contains(s) ? "—"
                    : String.format(Locale.ROOT, "%.3f", s.perSecond() / list.staticFile().perSecond()), s.failed()));
        }
        md.append(String.format(Locale.ROOT, "%nOne answer of `%s` carried %d VMs; one `/vms` page was %d KiB. "
                + "`%s` is the cheapest API call: what HTTP Basic (a password hash check per request) costs "
                + "every API request.%n%n", ListPhase.API_LIST, list.apiListedVms(), list.pageBytes() / 1024,
                ListPhase.API_ME));

        md.append("## Callbacks\n\n");
        md.append(String.format(Locale.ROOT, "%d callbacks answered 204 over the three runs (warm-up included), %d of "
                + "them found in `callback_event`; one open page received %d live events meanwhile. Plain INSERTs: "
                + "the same columns into a scratch table, autocommit, one connection per client.%n%n",
                callbacks.accepted(), callbacks.stored(), callbacks.pushed()));
        md.append("Half-way through the first run, the portal's ").append(callbacks.threads()).append(".\n\n");
        AuditReport.sealing(md, callbacks);

        PipelinePhase.Stages s = pipeline.stages();
        md.append("## Pipeline\n\n");
        md.append(String.format(Locale.ROOT, "%d VMs in waves of %d after an uncounted warm-up wave of 20 (the "
                + "simulator's demo pool holds 128 VMs of 1 vCPU; between waves the VMs are deleted at the "
                + "simulator, untimed): %.1f s from approval to "
                + "all running, summed over the waves. The simulator driven directly (createVm of 20, startVm on "
                + "each creation callback, a minimal receiver): %.1f VMs/s with one sender, as the portal's one "
                + "dispatcher, and %.1f VMs/s with four.%n%n", pipeline.vms(), o.wave(), pipeline.seconds(),
                pipeline.serialPerSecond(), pipeline.parallelPerSecond()));
        md.append("| stage, mean per VM | ms | side |\n| --- | --- | --- |\n");
        stage(md, "approval to `createVm` sent (operation queue)", s.createQueue(), "portal");
        stage(md, "`createVm` sent to its callback stored", s.createPlatform(), "platform (and callback intake)");
        stage(md, "creation callback to start operation written", s.reaction(), "portal");
        stage(md, "start operation written to `startVm` sent (operation queue)", s.startQueue(), "portal");
        stage(md, "`startVm` sent to its callback stored", s.startPlatform(), "platform (and callback intake)");
        stage(md, "approval to running", s.total(), "");
        md.append("\nA sent time is missing when the callback arrived before the portal noted the send; the "
                + "operation's completion stands in for it, which moves that VM's platform time into the queue.\n");
        AuditReport.section(md, populated, audit);
        return wrap(md.toString());
    }

    /** Wraps prose lines at {@link #WIDTH} characters; headings and table rows stay whole. */
    static String wrap(String markdown) {
        StringBuilder out = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            if (line.length() <= WIDTH || line.startsWith("|") || line.startsWith("#")) {
                out.append(line).append('\n');
                continue;
            }
            StringBuilder current = new StringBuilder();
            for (String word : line.split(" ")) {
                if (current.length() > 0 && current.length() + 1 + word.length() > WIDTH) {
                    out.append(current).append('\n');
                    current.setLength(0);
                }
                current.append(current.length() > 0 ? " " : "").append(word);
            }
            out.append(current).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private static void listRow(StringBuilder md, String what, Stats list, Stats staticFile) {
        double ratio = list.perSecond() / staticFile.perSecond();
        md.append(String.format(Locale.ROOT, "| %s | %.3f× static (%.1f/s vs %.0f/s), "
                + "p99 %.0f ms | ≥ 0.5×, p99 < 50 ms | %s |\n", what, ratio, list.perSecond(),
                staticFile.perSecond(), list.p99Ms(),
                met(ratio >= LIST_RATIO_GOAL && list.p99Ms() < LIST_P99_GOAL_MS)));
    }

    private static void stage(StringBuilder md, String what, double ms, String side) {
        md.append(String.format(Locale.ROOT, "| %s | %.0f | %s |\n", what, ms, side));
    }

    static double ratio(Stats a, Stats b) {
        return b.perSecond() > 0 ? a.perSecond() / b.perSecond() : 0;
    }

    static String met(boolean met) {
        return met ? "yes" : "**no**";
    }
}
