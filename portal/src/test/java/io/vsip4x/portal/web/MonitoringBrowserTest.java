package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.TestClock;
import io.vsip4x.portal.monitoring.MonitoringTestData;
import io.vsip4x.portal.web.Browser.Language;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The monitoring charts of a running VM in a real browser: on the panel's own page, after the
 * hour/day switch, and loaded with htmx into a {@code section#monitoring} as the VM detail page
 * does; with the legends in the reader's language.
 */
class MonitoringBrowserTest extends PortalTestSupport {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final By CHARTED = By.cssSelector("#monitoring-panel[data-charted='true']");

    /** Without Chromium the test is aborted (reported as skipped) before the portal starts. */
    @RegisterExtension
    static final TestInstancePreConstructCallback CHROMIUM_INSTALLED = (factory, context) -> Browser.assumeInstalled();

    @Autowired
    TestClock clock;

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
    void runningVmShowsFourChartsWithLocalizedLegendsForTheHourAndTheDay() {
        TestTenant t = newTenant();
        String vmId = runningVmWithSamples(t);
        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(t.requester(), PASSWORD).open("/vms/" + vmId + "/monitoring/panel");

        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(CHARTED));
        assertThat(browser.find(By.cssSelector("#monitoring-panel h2")).getText()).isEqualTo("Monitoring");
        assertThat(captions()).containsExactly("CPU use (%)", "Memory (bytes)", "Disk read/write (bytes/s)",
                "Network in/out (bytes/s)");
        assertThat(canvases()).isEqualTo(4);
        assertThat(legendLabels()).contains("CPU used", "Memory used", "Memory total", "Disk read", "Disk write",
                "Network in", "Network out").doesNotContain("CPU peak");
        // Before anyone points at a chart, its legend reads the latest point.
        assertThat(browser.find(By.cssSelector("#monitoring-panel figure[data-chart='cpu'] .u-series:nth-child(2)"
                + " .u-value")).getText()).isEqualTo("21 %");
        browser.screenshot(SCREENSHOTS.resolve("monitoring-hour.png"));

        // The day, swapped in by htmx without leaving the page: averages with their peaks.
        browser.markPage();
        browser.click(By.cssSelector("#monitoring-panel a[data-range='day']"));
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#monitoring-panel a[data-range='day'][aria-current='true']")));
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(CHARTED));
        assertThat(browser.stillMarked()).as("the switch swapped the panel only").isTrue();
        assertThat(canvases()).isEqualTo(4);
        assertThat(legendLabels()).contains("CPU used", "CPU peak", "Network out");
    }

    @Test
    void panelLoadedIntoTheDetailPagesSectionDrawsItsChartsInChinese() {
        TestTenant t = newTenant();
        String vmId = runningVmWithSamples(t);
        browser = Browser.start(port, Language.CHINESE);
        browser.signIn(t.requester(), PASSWORD).open("/vms");
        browser.waitUntil(d -> Boolean.TRUE.equals(browser.script("return !!window.htmx;")));

        // What the VM detail page will hold: a section that loads the panel with hx-get.
        browser.script("var s = document.createElement('section'); s.id = 'monitoring';"
                + "s.setAttribute('hx-get', arguments[0]); s.setAttribute('hx-trigger', 'load');"
                + "document.querySelector('main').appendChild(s); htmx.process(s);",
                "/vms/" + vmId + "/monitoring/panel");

        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("section#monitoring #monitoring-panel[data-charted='true']")));
        assertThat(browser.driver().findElements(By.cssSelector("section#monitoring header.topbar"))).isEmpty();
        assertThat(canvases()).isEqualTo(4);
        assertThat(captions()).contains("CPU 使用率（%）", "网络收发（字节/秒）");
        assertThat(legendLabels()).contains("CPU 使用率", "已用内存", "磁盘读", "网络发送");
        browser.screenshot(SCREENSHOTS.resolve("monitoring-section-zh.png"));
    }

    private String runningVmWithSamples(TestTenant t) {
        long request = submit(t.requester(), smallRequest(1));
        post(t.approver(), "/requests/" + request + "/approve", null);
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(request(t.requester(), request).get("state")));
        String vmId = ((List<?>) request(t.requester(), request).get("vmIds")).get(0).toString();
        await().atMost(PATIENCE).until(() -> Integer.valueOf(1).equals(vm(t.requester(), vmId).get("status")));
        long now = clock.instant().getEpochSecond();
        for (int minute = 50; minute >= 1; minute -= 7) {
            MonitoringTestData.sample(jdbc, vmId, now - minute * 60L, 20 + minute % 9, 1000L * minute);
        }
        MonitoringTestData.bucket(jdbc, vmId, now - Math.floorMod(now, 600) - 4 * 3600, 35, 4096);
        return vmId;
    }

    private List<String> captions() {
        return browser.driver().findElements(By.cssSelector("#monitoring-panel figure.chart figcaption")).stream()
                .map(WebElement::getText).toList();
    }

    private int canvases() {
        return browser.driver().findElements(By.cssSelector("#monitoring-panel figure.chart canvas")).size();
    }

    private List<String> legendLabels() {
        return browser.driver().findElements(By.cssSelector("#monitoring-panel .u-legend .u-label")).stream()
                .map(WebElement::getText).toList();
    }
}
