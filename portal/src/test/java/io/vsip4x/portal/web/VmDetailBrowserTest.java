package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.vms.VmOperationsTestSupport;
import io.vsip4x.portal.web.Browser.Language;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VM's page in a real (headless) browser: pausing and resuming from its buttons, the status
 * and the buttons following live without a reload, a disabled button telling why.
 */
class VmDetailBrowserTest extends VmOperationsTestSupport {

    private static final Logger log = LoggerFactory.getLogger(VmDetailBrowserTest.class);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Without Chromium each test is aborted before the portal is made (see {@link BrowserFlowTest}). */
    @RegisterExtension
    static final TestInstancePreConstructCallback CHROMIUM_INSTALLED = (factory, context) -> Browser.assumeInstalled();

    private Browser browser;

    /** When the test fails, what the browser showed. */
    @RegisterExtension
    final AfterTestExecutionCallback failureScreenshot = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            Path shot = browser.screenshot(SCREENSHOTS.resolve("failed-vm-detail.png"));
            log.warn("The browser was at {}; screenshot {}", browser.path(), shot);
        }
    };

    @AfterEach
    void quitBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void pausingAndResumingFromTheVmsPageShowsEachStatusLive() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        browser = Browser.start(port, Language.CHINESE);
        browser.signIn(t.requester(), PASSWORD).open("/vms/" + vmId);
        awaitStatus("1", "运行中");
        browser.awaitLiveStream();
        browser.markPage();

        WebElement start = browser.find(By.id("action-start"));
        assertThat(start.isEnabled()).isFalse();
        assertThat(start.getAttribute("title")).contains("只有在停止时才能启动").contains("2049");
        assertThat(browser.find(By.id("action-resume")).isEnabled()).isFalse();

        browser.click(By.id("action-pause"));
        awaitStatus("4", "已暂停");
        browser.waitUntil(ExpectedConditions.elementToBeClickable(By.id("action-resume")));
        assertThat(browser.find(By.id("action-pause")).isEnabled()).isFalse();
        assertThat(browser.find(By.id("vm-history")).getText()).contains("2012");
        assertThat(browser.stillMarked()).as("the page was not reloaded").isTrue();

        browser.click(By.id("action-resume"));
        awaitStatus("1", "运行中");
        browser.waitUntil(ExpectedConditions.elementToBeClickable(By.id("action-pause")));
        assertThat(browser.find(By.id("vm-history")).getText()).contains("2013");
        assertThat(browser.stillMarked()).as("the page was not reloaded").isTrue();
        assertThat(vm(t.requester(), vmId)).containsEntry("status", 1);
    }

    private void awaitStatus(String code, String text) {
        browser.waitUntil(d -> {
            WebElement status = d.findElement(By.id("vm-status"));
            return code.equals(status.getAttribute("data-status")) && text.equals(status.getText()) ? status : null;
        });
    }
}
