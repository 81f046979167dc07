package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.web.Browser.Language;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A host's detail page in a real browser: its four monitoring charts drawn by the VMs' chart code
 * from the host's samples, and its power state part, which polls itself; and a power confirmation
 * that a double click sends once.
 */
class HostChartsBrowserTest extends AdminBrowserTestSupport {

    private static final String HOST = "host-02";
    private static final String ONE_SAMPLE_HOST = "host-03";

    @Autowired
    Times times;

    @Test
    void hostDetailDrawsFourChartsFromItsSamples() {
        String admin = newPlatformAdmin("hostview", null);
        long now = Instant.now().getEpochSecond();
        for (int i = 5; i >= 1; i--) {
            sample(HOST, now - i * 60L, 10.0 + i);
        }

        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(admin, PASSWORD).open("/admin/hosts/" + HOST);

        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#host-monitoring[data-charted='true']")));
        assertThat(browser.findAll(By.cssSelector("#host-monitoring figure.chart canvas"))).hasSize(4);
        assertThat(browser.find(By.id("host-online")).getText()).isEqualTo("Running");
        assertThat(browser.find(By.id("admin-tab-hosts")).getAttribute("aria-current")).isEqualTo("page");
        assertTimeAxesReadTheHour(now);
        browser.screenshot(SCREENSHOTS.resolve("host-detail.png"));
    }

    @Test
    void aHostWithOneSampleReadsItsRealTimeOnTheAxes() {
        // A fresh portal: one sample (others' tests may add more, which changes nothing here).
        String admin = newPlatformAdmin("hostone", null);
        long now = Instant.now().getEpochSecond();
        sample(ONE_SAMPLE_HOST, now - 60, 20.0);

        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(admin, PASSWORD).open("/admin/hosts/" + ONE_SAMPLE_HOST);
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#host-monitoring[data-charted='true']")));
        assertTimeAxesReadTheHour(now);
    }

    private void sample(String host, long time, double cpu) {
        jdbc.sql("""
                INSERT INTO host_monitor_sample (host_id, sampled_at, cpu_used, mem_used, mem_total, disk_read,
                                                 disk_write, net_in, net_out, load_avg)
                VALUES (:host, :time, :cpu, :used, :total, 2048, 1024, 4096, 512, 1.5)""")
                .param("host", host).param("time", time).param("cpu", cpu)
                .param("used", 8L << 30).param("total", 256L << 30).update();
    }

    /**
     * Every chart's time axis reads several distinct hours and minutes of the portal's zone, within the
     * hour shown, with the samples (a few minutes before {@code now}) inside it: not epoch 0 ("08:00"
     * in +08:00) nor the same minute twice.
     */
    private void assertTimeAxesReadTheHour(long now) {
        ZoneId zone = times.zone();
        assertThat(browser.find(By.id("host-monitoring")).getAttribute("data-time-zone")).as("the portal's zone")
                .isEqualTo(zone.getId());
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        Set<String> hour = new HashSet<>();
        for (long t = now - 3600 - 60; t <= now + 60; t += 60) {
            hour.add(hhmm.format(Instant.ofEpochSecond(t).atZone(zone)));
        }
        for (String chart : List.of("cpu", "memory", "disk", "network")) {
            String labels = browser.find(By.cssSelector("#host-monitoring figure[data-chart='" + chart + "']"))
                    .getAttribute("data-time-labels");
            assertThat(labels).as(chart).isNotBlank();
            List<String> shown = List.of(labels.split("\\|"));
            assertThat(shown).as(chart + " axis labels").hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates()
                    .allSatisfy(label -> assertThat(hour).as("a time of the hour shown").contains(label));
            LocalTime first = LocalTime.parse(shown.get(0));
            LocalTime last = LocalTime.parse(shown.get(shown.size() - 1));
            LocalTime sample = Instant.ofEpochSecond(now - 60).atZone(zone).toLocalTime();
            if (!first.isAfter(last)) {
                // The hour does not cross midnight: the newest sample lies on or after the first label.
                assertThat(sample).as(chart).isAfterOrEqualTo(first);
            }
        }
    }

    @Test
    void thePowerConfirmationIsSentOnceHoweverOftenItIsClicked() {
        String admin = newPlatformAdmin("hostpower", null);
        browser = Browser.start(port, Language.ENGLISH);
        // The start of a running host: offered whatever runs on it; nothing is sent to the portal here.
        browser.signIn(admin, PASSWORD).open("/admin/hosts/" + HOST + "/start");
        // The page's own handler runs first; this one, after it, keeps the page and counts the sends.
        browser.script("window.sent = 0; window.addEventListener('submit', function (e) {"
                + " if (!e.defaultPrevented) { window.sent++; } e.preventDefault(); });");

        browser.click(By.id("host-power-confirm"));
        browser.waitUntil(d -> !browser.find(By.id("host-power-confirm")).isEnabled());
        browser.script("document.getElementById('host-power-form').requestSubmit();");

        assertThat(((Number) browser.script("return window.sent;")).intValue()).as("sent once").isEqualTo(1);
        assertThat(browser.find(By.id("host-power-confirm")).isEnabled()).isFalse();
    }
}
