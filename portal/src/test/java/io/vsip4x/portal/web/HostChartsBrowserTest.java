package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.web.Browser.Language;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A host's detail page in a real browser: its four monitoring charts drawn by the VMs' chart code
 * from the host's samples, and its power state part, which polls itself; and a power confirmation
 * that a double click sends once.
 */
class HostChartsBrowserTest extends PortalTestSupport {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String HOST = "host-02";

    /** Without Chromium the test is aborted (reported as skipped) before the portal starts. */
    @RegisterExtension
    static final TestInstancePreConstructCallback CHROMIUM_INSTALLED = (factory, context) -> Browser.assumeInstalled();

    private Browser browser;

    @RegisterExtension
    final AfterTestExecutionCallback failureScreenshot = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            browser.screenshot(SCREENSHOTS.resolve("failed-" + context.getRequiredTestMethod().getName() + ".png"));
        }
    };

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void hostDetailDrawsFourChartsFromItsSamples() {
        String admin = "hostview-" + UUID.randomUUID().toString().substring(0, 6);
        users.create(admin, PASSWORD, admin, null, Set.of(Role.PLATFORM_ADMIN));
        long now = Instant.now().getEpochSecond();
        for (int i = 5; i >= 1; i--) {
            jdbc.sql("""
                    INSERT INTO host_monitor_sample (host_id, sampled_at, cpu_used, mem_used, mem_total, disk_read,
                                                     disk_write, net_in, net_out, load_avg)
                    VALUES (:host, :time, :cpu, :used, :total, 2048, 1024, 4096, 512, 1.5)""")
                    .param("host", HOST).param("time", now - i * 60L).param("cpu", 10.0 + i)
                    .param("used", 8L << 30).param("total", 256L << 30).update();
        }

        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(admin, PASSWORD).open("/admin/hosts/" + HOST);

        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#host-monitoring[data-charted='true']")));
        assertThat(browser.findAll(By.cssSelector("#host-monitoring figure.chart canvas"))).hasSize(4);
        assertThat(browser.find(By.id("host-online")).getText()).isEqualTo("Running");
        assertThat(browser.find(By.id("admin-tab-hosts")).getAttribute("aria-current")).isEqualTo("page");
        browser.screenshot(SCREENSHOTS.resolve("host-detail.png"));
    }

    @Test
    void thePowerConfirmationIsSentOnceHoweverOftenItIsClicked() {
        String admin = "hostpower-" + UUID.randomUUID().toString().substring(0, 6);
        users.create(admin, PASSWORD, admin, null, Set.of(Role.PLATFORM_ADMIN));
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
