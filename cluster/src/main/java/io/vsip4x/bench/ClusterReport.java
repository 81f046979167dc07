package io.vsip4x.bench;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The cluster benchmark's results file: one node and two nodes behind nginx, and their ratios. */
final class ClusterReport {

    private ClusterReport() {
    }

    static String markdown(ZonedDateTime at, Options o, double loadBefore, double loadAfter,
            ClusterBenchmark.Figures one, ClusterBenchmark.Figures two) {
        StringBuilder md = new StringBuilder();
        md.append("# Cluster benchmark: latest figures\n\n");
        md.append(String.format(Locale.ROOT, "Measured %s with `java -jar cluster/target/vsip4x-cluster.jar` on %d "
                + "cores, JVM %s: the benchmark's list and callback phases through nginx (deploy/nginx's file, "
                + "HTTPS for the pages and the API, the internal listener for the callbacks), first with one "
                + "portal node behind it, then with two (the second started and nginx restarted in between). "
                + "Before each, an untimed 10 s round of every endpoint warms the node(s) up; then %d clients, "
                + "%d s warm-up and %d s measured per endpoint; %d seeded VMs. Load average %.2f "
                + "before, %.2f after.\n\n",
                at.withZoneSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), o.clients(),
                o.warmup().toSeconds(), o.duration().toSeconds(), o.vms(), loadBefore, loadAfter));
        md.append("**Caveat:** both nodes, MariaDB, the simulator, nginx and the clients share this machine's "
                + "cores, so a second node adds no hardware here: it shows what the cluster's coordination costs or "
                + "saves on the same cores, not how it scales on a machine per node.\n\n");
        md.append("| endpoint | one node: req/s | p50 ms | p99 ms | two nodes: req/s | p50 ms | p99 ms | "
                + "two / one |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        row(md, "static file " + ListPhase.STATIC, one.list().staticFile(), two.list().staticFile());
        row(md, "page " + ListPhase.PAGE + " (signed-in session)", one.list().page(), two.list().page());
        row(md, "API " + ListPhase.API_LIST, one.list().apiList(), two.list().apiList());
        row(md, "API " + ListPhase.API_ME, one.list().apiMe(), two.list().apiMe());
        row(md, "callbacks /platform/callback", one.callbacks(), two.callbacks());
        md.append("\nOther answers (not 200, or 204 for callbacks) in the measured time: one node ")
                .append(others(one)).append("; two nodes ").append(others(two)).append(". A page request that a "
                + "node answers with the sign-in page (a session the node does not know) counts there. The page "
                + "is signed in through nginx (the nodes share sessions in the database, so the sign-in form's post "
                + "may reach the node that did not serve the form); it is not measured only when no session could "
                + "be signed in.\n\n");
        md.append(String.format(Locale.ROOT, "Callbacks answered 204 and found in `callback_event`: one node %d of "
                + "%d, two nodes %d of %d.%n", one.stored(), one.accepted(), two.stored(), two.accepted()));
        return md.toString();
    }

    private static void row(StringBuilder md, String name, Stats one, Stats two) {
        if (one == null || two == null) {
            md.append("| ").append(name).append(" | ").append(cells(one)).append(" | ").append(cells(two))
                    .append(" | not measured |\n");
            return;
        }
        md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f |%n", name,
                one.perSecond(), one.p50Ms(), one.p99Ms(), two.perSecond(), two.p50Ms(), two.p99Ms(),
                one.perSecond() > 0 ? two.perSecond() / one.perSecond() : 0));
    }

    private static String cells(Stats s) {
        return s == null ? "not measured | | " : String.format(Locale.ROOT, "%.1f | %.1f | %.1f", s.perSecond(),
                s.p50Ms(), s.p99Ms());
    }

    private static String others(ClusterBenchmark.Figures f) {
        ListPhase.Result l = f.list();
        return String.format(Locale.ROOT, "static %d, page %s, list API %d, me API %d, callbacks %d",
                l.staticFile().failed(), l.page() == null ? "not measured" : Long.toString(l.page().failed()),
                l.apiList().failed(), l.apiMe().failed(), f.callbacks().failed());
    }
}
