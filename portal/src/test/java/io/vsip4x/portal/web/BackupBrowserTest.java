package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.tenancy.Quota;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A VM's backups page in a real (headless) browser: backing up from its form, the list filled
 * from the callback, and restoring onto another host of the tenant's pools after a confirmation
 * that names what is lost, the page fitting its width throughout.
 */
class BackupBrowserTest extends VmOperationsTestSupport {

    private static final Logger log = LoggerFactory.getLogger(BackupBrowserTest.class);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String OVERFLOW = "return document.documentElement.scrollWidth"
            + " - document.documentElement.clientWidth;";

    /** Without Chromium each test is aborted before the portal is made (see {@link BrowserFlowTest}). */
    @RegisterExtension
    static final TestInstancePreConstructCallback CHROMIUM_INSTALLED = (factory, context) -> Browser.assumeInstalled();

    private Browser browser;

    /** When the test fails, what the browser showed. */
    @RegisterExtension
    final AfterTestExecutionCallback failureScreenshot = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            Path shot = browser.screenshot(SCREENSHOTS.resolve("failed-backups.png"));
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
    void backingUpAndRestoringOntoAnotherHostFromThePage() {
        TestTenant t = newTenant(new Quota(32, 64 * 1024, 1000, 0, 10, 0, 5));
        String vmId = stoppedVm(t);
        browser = Browser.start(port, Language.CHINESE);
        browser.signIn(t.requester(), PASSWORD).open("/vms/" + vmId + "/backups");
        browser.awaitLiveStream();
        browser.markPage();

        browser.type(By.id("backup-description"), "升级前备份");
        browser.click(By.id("backup-checksum"));
        browser.click(By.id("backup-create"));
        String backupId = browser.waitUntil(d -> d.findElements(By.cssSelector("#backups tr[data-state='ACTIVE']"
                + " .backup-id")).stream().findFirst().map(WebElement::getText).orElse(null));
        // Once nothing runs on the VM the page stops refreshing itself; it then reads as it stays.
        browser.waitUntil(d -> "sse:vms".equals(d.findElement(By.id("backups-live")).getAttribute("hx-trigger")));
        String row = browser.waitUntil(d -> d.findElement(By.id("backup-" + backupId)).getText());
        assertThat(row).contains("升级前备份").contains(t.requester()).contains("校验数据");
        assertThat(((Number) browser.script(OVERFLOW)).intValue()).as("horizontal overflow").isLessThanOrEqualTo(0);

        // Choose another host of the tenant's pools and restore, in one go so no live refresh comes between.
        browser.script("document.querySelector('#backup-' + arguments[0] + ' select[name=target]')"
                + ".value = arguments[1];"
                + "setTimeout(() => document.getElementById('restore-' + arguments[0]).click(), 0);",
                backupId, "pool-test/host-04");
        assertThat(browser.acceptConfirmation()).contains("丢失").contains(vmId);
        browser.waitUntil(d -> "host-04".equals(simulator.simulator().vm(vmId).map(v -> v.hostId()).orElse(null))
                && !simulator.simulator().vm(vmId).orElseThrow().busy());
        browser.waitUntil(d -> {
            String recent = d.findElement(By.id("storage-recent")).getText();
            return recent.contains("2016") ? recent : null;
        });
        assertThat(browser.stillMarked()).as("the page was not reloaded").isTrue();
        awaitSettled(t.requester(), vmId, 0);
        assertThat(vm(t.requester(), vmId)).containsEntry("hostId", "host-04");
    }
}
