package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.web.Browser.Language;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The sign-in page when the UKEY middleware is not running on the person's computer: the UKEY
 * tab says where it looked and what to do, and the password tab signs in as before.
 */
class LoginBrowserTest extends PortalTestSupport {

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
    void withoutTheMiddlewareTheUkeyTabSaysWhereItLookedAndThePasswordTabStillSignsIn() {
        TestTenant t = newTenant();
        URI middleware = simulator.simulator().ukeyMiddlewareUrl();
        browser = Browser.start(port, Language.CHINESE);
        // As if nothing listened there: the browser fails every request to the middleware.
        browser.block(middleware + "/*");

        browser.open("/login");
        assertThat(browser.find(By.id("login-page")).getDomAttribute("data-ukey-middleware"))
                .isEqualTo(middleware.toString());
        browser.find(By.id("tab-ukey")).click();
        browser.waitUntil(d -> "error".equals(d.findElement(By.id("ukey-status")).getDomAttribute("data-kind")));
        assertThat(browser.find(By.id("ukey-status")).getText())
                .isEqualTo("无法连接本机的 UKEY 中间件（" + middleware + "）。请启动 UKEY 中间件后点击“刷新”。");
        assertThat(browser.find(By.id("ukey-sign-in")).isEnabled()).isFalse();

        browser.find(By.id("tab-password")).click();
        assertThat(browser.find(By.id("panel-ukey")).isDisplayed()).isFalse();
        browser.type(By.id("username"), t.requester());
        browser.type(By.id("password"), PASSWORD);
        browser.find(By.id("sign-in")).click();
        browser.waitUntil(ExpectedConditions.urlMatches("/vms$"));
        assertThat(browser.find(By.cssSelector("header.topbar .user")).getText()).endsWith("(" + t.requester() + ")");
    }

    @Test
    void aRefusedUkeySignInOpensTheUkeyTabWithItsReason() {
        browser = Browser.start(port, Language.ENGLISH);

        browser.open("/login?ukey=revoked");

        assertThat(browser.find(By.id("ukey-refused")).getText())
                .isEqualTo("This UKEY has been revoked. Ask a security administrator.");
        assertThat(browser.find(By.id("tab-ukey")).getDomAttribute("aria-selected")).isEqualTo("true");
        assertThat(browser.find(By.id("panel-ukey")).isDisplayed()).isTrue();
        assertThat(browser.find(By.id("panel-password")).isDisplayed()).isFalse();

        browser.open("/login?ukey=made-up");
        assertThat(browser.find(By.id("ukey-refused")).getText())
                .isEqualTo("The UKEY sign-in did not succeed. Try again.");
    }
}
