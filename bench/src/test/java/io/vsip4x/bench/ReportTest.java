package io.vsip4x.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The results file stays readable: prose wrapped, tables and headings whole. */
class ReportTest {

    @Test
    void proseIsWrappedAndTablesAreNot() {
        String prose = "word ".repeat(60).trim();
        String row = "| " + "cell ".repeat(40) + "|";
        String wrapped = Report.wrap("# Heading " + "x".repeat(120) + "\n\n" + prose + "\n" + row + "\n");

        String[] lines = wrapped.split("\n", -1);
        assertThat(lines[0]).startsWith("# Heading").hasSizeGreaterThan(Report.WIDTH);
        assertThat(lines[2]).hasSizeLessThanOrEqualTo(Report.WIDTH);
        assertThat(String.join(" ", lines[2], lines[3], lines[4])).isEqualTo(prose);
        assertThat(wrapped).contains("\n" + row + "\n").endsWith("\n");
    }

    @Test
    void theAuditFiguresStandBesideTheOthersWithinTheLineWidth() {
        String md = Report.markdown(setting(), list(), callbacks(), pipeline(), populated(), new AuditPhase.Result(
                stats("API audit, VM_REBOOT over 30 days, page 1", 800), stats("API audit, the same, page 20", 700),
                stats("API /api/v1/audit?size=50", 900), 20, 50, null));

        assertThat(md.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(120));
        assertThat(md).contains("| audit API, 1 action, 30 days, page 1 | 0.200× static (800.0/s vs 4000/s)")
                .contains("| audit API, the same, page 20 (cursor) | 0.175× static")
                .contains("| callbacks accepted (204), audit sealer running | 1000/s, 0.02× plain INSERTs")
                .contains("| the same, sealer paused (1100/s) | 0.91× before, 0.95× after; issue 5: 1069/s |")
                .contains("| API /api/v1/audit?size=50 | 900.0 |")
                .contains("## Operation log")
                .contains("10,000,000 events written")
                .doesNotContain("What limits");
    }

    @Test
    void anAuditApiThatIsNotThereIsSaidSo() {
        String md = Report.markdown(setting(), list(), callbacks(), pipeline(), null,
                new AuditPhase.Result(null, null, null, 0, 0, "GET /api/v1/audit as audrey answered 404"));

        assertThat(md).contains("| operation log API | not measured: GET /api/v1/audit as audrey answered 404 |")
                .contains("No events were written into the operation log beforehand")
                .doesNotContain("API audit,");
    }

    private static Report.Setting setting() {
        return new Report.Setting(ZonedDateTime.now(), "abc1234", Options.parse(), Duration.ofMinutes(20), 1.0, 2.0);
    }

    private static ListPhase.Result list() {
        return new ListPhase.Result(stats("static /static/css/portal.css", 4000), stats("page /vms", 50),
                stats("API /api/v1/vms?status=1&size=50", 300), stats("API /api/v1/me", 1200), 50, 66_000);
    }

    private static CallbackPhase.Result callbacks() {
        return new CallbackPhase.Result(stats("callbacks /platform/callback", 1000),
                stats("callbacks, audit sealer paused", 1100), stats("callbacks, audit sealer running again", 1045),
                stats("plain single-row INSERTs", 43_000), 40_000,
                40_000, 120, "request threads: 8 idle", new SealWatch.Sealing(420, 180.5, 600, 150, 300, 450),
                new SealWatch.Sealing(22_000, 0, 0, 0, 22_000, 2_000));
    }

    private static PipelinePhase.Result pipeline() {
        return new PipelinePhase.Result(1000, 16.5, new PipelinePhase.Stages(32, 794, 8, 90, 456, 1380), 46.7, 13.9,
                1000);
    }

    private static AuditSeeder.Populated populated() {
        Instant newest = Instant.parse("2026-12-05T03:00:00Z");
        return new AuditSeeder.Populated(10_000_000, 40, 900, newest.minus(179, ChronoUnit.DAYS), newest, 10_000_050,
                8, 240, 0);
    }

    private static Stats stats(String name, double perSecond) {
        return new Stats(name, Math.round(perSecond * 15), 0, 15, 20, 80);
    }
}
