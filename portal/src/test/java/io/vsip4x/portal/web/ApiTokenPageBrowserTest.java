package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.web.Browser.Language;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.chromium.ChromiumDriver;

/**
 * The API token page in Chromium: the token shown once is copied to the clipboard with one
 * button, the page says so in the reader's language, and its example names this portal.
 */
class ApiTokenPageBrowserTest extends PortalTestSupport {

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
    void theNewTokenIsCopiedWithOneButton() {
        TestTenant t = newTenant();
        browser = Browser.start(port, Language.CHINESE);
        String origin = "http://127.0.0.1:" + port;
        ((ChromiumDriver) browser.driver()).executeCdpCommand("Browser.grantPermissions", Map.of(
                "origin", origin, "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        browser.signIn(t.requester(), PASSWORD);

        browser.open("/account/api-tokens");
        browser.type(By.id("name"), "备份脚本");
        browser.find(By.id("create-api-token")).click();
        // The click posts the form: wait for the answer's page rather than read the old one.
        String token = browser.waitUntil(d -> d.findElement(By.id("api-token-secret"))).getDomProperty("value");
        assertThat(token).startsWith("vsip4x_pat_");
        assertThat(browser.find(By.id("api-token-usage")).getText())
                .isEqualTo("例如：curl -H \"Authorization: Bearer <令牌>\" " + origin + "/api/v1/me");

        browser.find(By.id("api-token-copy")).click();
        browser.waitUntil(d -> "true".equals(
                d.findElement(By.id("api-token-copy-status")).getDomAttribute("data-copied")));
        assertThat(browser.find(By.id("api-token-copy-status")).getText()).isEqualTo("已复制到剪贴板。");
        browser.screenshot(SCREENSHOTS.resolve("api-token-copied.png"));
        Object copied = ((ChromiumDriver) browser.driver()).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "navigator.clipboard.readText().then(done, function (e) { done('failed: ' + e); });");
        assertThat(copied).isEqualTo(token);
    }
}
