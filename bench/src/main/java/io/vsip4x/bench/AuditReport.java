package io.vsip4x.bench;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The operation log's part of the results: its summary rows, the sealer's figures and its own section. */
final class AuditReport {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final String NO_FIGURE = "fast (no figure)";

    private AuditReport() {
    }

    /** The rows of the summary table: each audit query against the static file. */
    static void summaryRows(StringBuilder md, AuditPhase.Result audit, Stats staticFile) {
        if (!audit.measured()) {
            md.append("| operation log API | not measured: ").append(audit.missing()).append(" | ").append(NO_FIGURE)
                    .append(" | — |\n");
            return;
        }
        row(md, "audit API, 1 action, 30 days, page 1", audit.filtered(), staticFile);
        row(md, "audit API, the same, page " + audit.laterPage() + " (cursor)", audit.later(), staticFile);
        row(md, "audit API, newest page, no filter", audit.unfiltered(), staticFile);
    }

    private static void row(StringBuilder md, String what, Stats s, Stats staticFile) {
        md.append(String.format(Locale.ROOT, "| %s | %.3f× static (%.1f/s vs %.0f/s), p99 %.0f ms | %s | — |\n",
                what, Report.ratio(s, staticFile), s.perSecond(), staticFile.perSecond(), s.p99Ms(), NO_FIGURE));
    }

    /** The sealer during the callbacks, and after the run with it paused. */
    static void sealing(StringBuilder md, CallbackPhase.Result callbacks) {
        SealWatch.Sealing s = callbacks.sealing();
        SealWatch.Sealing c = callbacks.catchUp();
        md.append(String.format(Locale.ROOT, "The audit sealer (every 250 ms, up to 5,000 events a round) during "
                + "the first run, sampled every 100 ms (%d samples): at most %d event ids written and not yet "
                + "sealed; the oldest unsealed event %.0f ms old on average, %d ms at most. After the last "
                + "callback, every event was sealed %s.%n%n", s.samples(), s.maxBacklog(), s.meanLagMs(),
                s.maxLagMs(), drained(s.drainMs())));
        md.append(String.format(Locale.ROOT, "The second run, right after, held the chain head's row lock so that "
                + "the sealer waited (holding one of the portal's pooled connections meanwhile): %.0f callbacks/s, "
                + "against %.0f/s with the sealer running before it (%.2f×) and %.0f/s in a third run after it "
                + "(%.2f×). Released, the sealer sealed the second run's backlog of %d events %s%s.%n%n",
                callbacks.paused().perSecond(), callbacks.callbacks().perSecond(),
                Report.ratio(callbacks.callbacks(), callbacks.paused()), callbacks.again().perSecond(),
                Report.ratio(callbacks.again(), callbacks.paused()), c.backlog(), drained(c.drainMs()),
                c.drainMs() > 0 ? String.format(Locale.ROOT, " (%.0f events/s)", c.drainPerSecond()) : ""));
    }

    private static String drained(long ms) {
        return ms < 0 ? "not within five minutes" : String.format(Locale.ROOT, "in %d ms", ms);
    }

    /** The section on the operation log: how it was filled and what its queries were. */
    static void section(StringBuilder md, AuditSeeder.Populated p, AuditPhase.Result audit) {
        md.append("\n## Operation log\n\n");
        if (p == null) {
            md.append("No events were written into the operation log beforehand (`--audit-events=0`).\n\n");
        } else {
            md.append(String.format(Locale.ROOT, "%,d events written straight into the portal's MariaDB in %.0f s "
                    + "(%.0f events/s), in %d transactions of `INSERT ... SELECT` from the SEQUENCE engine; of that "
                    + "time, %.0f s went to building the %d secondary indexes of `audit_event` again (dropped "
                    + "before, built sorted after; the append-only triggers lifted meanwhile and created again). "
                    + "They spread over %d days (%s to %s, UTC), %d accounts of the "
                    + "seeded tenants plus `platform` and `system`, %d actions (the most frequent 16 %% of the "
                    + "events, the rarest 1 %%), VM, request, account and tenant targets, 93 %% successes, 4 %% "
                    + "failures with a platform code, 3 %% refusals.%n%n", p.events(), p.seconds(), p.perSecond(),
                    p.chunks(), p.indexSeconds(), p.indexes(), AuditSeeder.DAYS, DAY.format(p.oldest()),
                    DAY.format(p.newest()), AuditSeeder.ACTORS, AuditSeeder.ACTIONS.size()));
            md.append(String.format(Locale.ROOT, "They are sealed without hashing: each transaction also gives its "
                    + "events seals numbered on from the chain's head with a placeholder hash, counts them in "
                    + "`audit_hourly`, moves the head past them (to seal %,d) and marks them forwarded, so that "
                    + "the portal's sealer and forwarder do not work through them during the run. The chain stays "
                    + "contiguous and the sealer links later events onto the head as usual, but a verification "
                    + "from the start reports the first placeholder seal as a broken link.%s%n%n", p.lastSeq(),
                    p.unforwarded() == 0 ? "" : String.format(Locale.ROOT, " The forwarder had still %d of the "
                    + "run's own events to send after a minute's wait; they were marked forwarded with the rest.",
                    p.unforwarded())));
        }
        if (!audit.measured()) {
            md.append("The queries were not measured: ").append(audit.missing()).append(".\n");
            return;
        }
        md.append(String.format(Locale.ROOT, "The queries, as the demo auditor `%s` with HTTP Basic: `%s` with "
                + "`from` 30 days ago and `to` now (ISO offset date-times), `action=%s` and `size=%d` (its first "
                + "page held %d events); the same with the `cursor` of page %d, reached by following `next` from "
                + "the first page; and `%s?size=%d`, the newest page of the whole log.%n", AuditPhase.AUDITOR,
                AuditPhase.API, AuditSeeder.QUERIED_ACTION, AuditPhase.SIZE, audit.filteredItems(), audit.laterPage(),
                AuditPhase.API, AuditPhase.SIZE));
    }
}
