package io.vsip4x.portal.web;

import static io.vsip4x.portal.audit.AuditTestData.Row;
import static io.vsip4x.portal.audit.AuditTestData.insert;
import static io.vsip4x.portal.audit.AuditTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.web.Browser.Language;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An auditor in a real browser: filters the log by action (the list follows without leaving the
 * page, the address keeps the filter, the chart is drawn), opens an event and sees its correlated
 * events, and exports the filter as CSV with their session.
 */
class AuditBrowserTest extends PortalTestSupport {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

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
    void anAuditorFiltersOpensAnEventWithItsCorrelatedEventsAndExports() throws Exception {
        String auditor = unique("aud");
        users.create(auditor, PASSWORD, "审计员", null, Set.of(Role.AUDITOR));
        String action = unique("BROWSE_");
        String correlation = unique("c-");
        Instant now = Instant.now();
        long started = insert(jdbc, Row.of(now.minusSeconds(60), "browser-user", action, "vm-甲")
                .correlated(correlation));
        long outcome = insert(jdbc, Row.of(now.minusSeconds(30), "platform", "BROWSE_OUTCOME", "vm-甲")
                .correlated(correlation).result("FAILURE", "1203", "资源不足 😀"));
        long other = insert(jdbc, Row.of(now.minusSeconds(10), "browser-user", action, "vm-乙"));

        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(auditor, PASSWORD).open("/audit");
        browser.markPage();
        browser.type(By.id("audit-action"), action);
        browser.click(By.id("audit-search"));
        browser.waitUntil(d -> browser.ids("#audit-rows tr.audit-row").equals(
                List.of("audit-" + other, "audit-" + started)));
        assertThat(browser.stillMarked()).as("the list was swapped in, the page stayed").isTrue();
        assertThat(browser.path()).contains("action=" + action);
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#audit-chart[data-charted='true'] canvas")));
        String exportHref = browser.find(By.id("audit-export")).getDomProperty("href");
        assertThat(exportHref).contains("/audit/export.csv?").contains("action=" + action);
        browser.screenshot(SCREENSHOTS.resolve("audit-filtered.png"));

        browser.click(By.cssSelector("#audit-" + started + " a.audit-detail"));
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("correlated")));
        assertThat(browser.find(By.id("event-action")).getText()).contains(action);
        assertThat(browser.find(By.id("event-correlation")).getText()).isEqualTo(correlation);
        assertThat(browser.ids("#correlated tbody tr")).containsExactly("correlated-" + started,
                "correlated-" + outcome);
        assertThat(browser.find(By.id("correlated-" + outcome)).getText()).contains("资源不足 😀").contains("1203");
        browser.screenshot(SCREENSHOTS.resolve("audit-event.png"));

        Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        HttpResponse<byte[]> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(exportHref))
                .header("Cookie", "JSESSIONID=" + session.getValue()).header("Accept-Language", "en").GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(csv.statusCode()).isEqualTo(200);
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFId,Time,Who");
        String[] lines = text.split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith(other + ",").contains(",vm-乙,");
        assertThat(lines[2]).startsWith(started + ",").contains(",vm-甲,").endsWith("," + correlation);
    }

    @Test
    void theChartSaysWhenItsRangeIsRefusedOrCut() {
        String auditor = unique("aud");
        users.create(auditor, PASSWORD, "审计员", null, Set.of(Role.AUDITOR));
        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(auditor, PASSWORD).open("/audit?from=2000-01-01");
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#audit-chart[data-charted='failed'] p.audit-chart-error")));
        assertThat(browser.find(By.cssSelector("#audit-chart p.audit-chart-error")).getText())
                .startsWith("Parameter from").contains("1096 days");

        browser.open("/audit?actor=nobody&from=2000-01-01&to=2023-01-01");
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#audit-chart[data-charted='true'] p.audit-chart-clamped")));
        assertThat(browser.find(By.cssSelector("#audit-chart p.audit-chart-clamped")).getText())
                .contains("366 days").contains("2021-12-31");
    }
}
