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

        // Controls are read inside waits: a live update may re-render them between finding and reading.
        // The title of the start button read while it is disabled (nothing is read while it is enabled).
        String startWhy = browser.stringWhen(d -> {
            WebElement button = d.findElement(By.id("action-start"));
            return button.isEnabled() ? null : button.getAttribute("title");
        }, title -> title.contains("只有在停止时才能启动") && title.contains("2049"));
        assertThat(startWhy).as("the disabled start button's title")
                .contains("只有在停止时才能启动").contains("2049");
        boolean resumeEnabled = browser.readWhen(d -> d.findElement(By.id("action-resume")).isEnabled(), on -> !on);
        assertThat(resumeEnabled).isFalse();

        browser.click(By.id("action-pause"));
        awaitStatus("4", "已暂停");
        browser.waitUntil(ExpectedConditions.elementToBeClickable(By.id("action-resume")));
        boolean pauseEnabled = browser.readWhen(d -> d.findElement(By.id("action-pause")).isEnabled(), on -> !on);
        assertThat(pauseEnabled).isFalse();
        assertThat(browser.stringWhen(d -> d.findElement(By.id("vm-history")).getText(), h -> h.contains("2012")))
                .contains("2012");
        assertThat(browser.stillMarked()).as("the page was not reloaded").isTrue();

        browser.click(By.id("action-resume"));
        awaitStatus("1", "运行中");
        browser.waitUntil(ExpectedConditions.elementToBeClickable(By.id("action-pause")));
        assertThat(browser.stringWhen(d -> d.findElement(By.id("vm-history")).getText(), h -> h.contains("2013")))
                .contains("2013");
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
