package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.storage.DataDiskTestSupport;
import io.vsip4x.portal.tenancy.TenantVmSettings;
import io.vsip4x.portal.web.Browser.Language;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A VM's data-disk page in a real (headless) browser: attaching a detached disk from its form, then
 * detaching it; an extend held to the quota left, then shown as pending with its request.
 */
class DataDiskBrowserTest extends DataDiskTestSupport {

    private static final Logger log = LoggerFactory.getLogger(DataDiskBrowserTest.class);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Without Chromium each test is aborted before the portal is made (see {@link BrowserFlowTest}). */
    @RegisterExtension
    static final TestInstancePreConstructCallback CHROMIUM_INSTALLED = (factory, context) -> Browser.assumeInstalled();

    private Browser browser;
    @Autowired
    private PlatformTransactionManager transactions;

    /** When the test fails, what the browser showed. */
    @RegisterExtension
    final AfterTestExecutionCallback failureScreenshot = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            Path shot = browser.screenshot(SCREENSHOTS.resolve("failed-data-disk.png"));
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
    void attachingADetachedDiskFromTheVmsDiskPageMountsItOnThePlatform() {
        TestTenant t = diskTenant(false);
        String vmId = runningVm(t);
        String diskId = detachedDisk(t, "归档盘", 2, poolOf(vmId));

        browser = Browser.start(port, Language.CHINESE);
        browser.signIn(t.requester(), PASSWORD).open("/vms/" + vmId + "/disks");
        // Texts and attributes are read inside waits: a live update may re-render the page meanwhile.
        assertThat(browser.stringWhen(d -> d.findElement(By.id("tab-disks")).getAttribute("class"),
                classes -> classes.contains("active"))).contains("active");
        assertThat(browser.stringWhen(d -> d.findElement(By.id("disk-free")).getText(), text -> text.contains("GiB")))
                .contains("GiB");
        browser.markPage();

        new Select(browser.find(By.id("attach-disk"))).selectByValue(diskId);
        browser.click(By.id("disk-attach-submit"));
        String row = browser.readWhen(d -> {
            var rows = d.findElements(By.id("disk-" + diskId));
            return rows.isEmpty() || !"ACTIVE".equals(rows.get(0).getAttribute("data-state")) ? null
                    : rows.get(0).getText();
        }, text -> Stream.of("归档盘", "2 GiB", "使用中").allMatch(text::contains));
        assertThat(row).contains("归档盘").contains("2 GiB").contains("使用中");
        assertThat(browser.stillMarked()).as("the page was not reloaded").isTrue();
        assertThat(onPlatform(diskId).orElseThrow().vmId()).isEqualTo(vmId);

        browser.click(By.id("detach-" + diskId));
        browser.acceptConfirmation();
        browser.waitUntil(d -> d.findElements(By.id("disk-" + diskId)).isEmpty() ? true : null);
        assertThat(onPlatform(diskId).orElseThrow().mounted()).isFalse();
        assertThat(delete(t.requester(), diskId)).isEqualTo(204);
    }

    @Test
    void anExtendStopsAtTheQuotaLeftAndShowsAsPendingWithItsRequest() {
        TestTenant t = diskTenant(false);
        String vmId = runningVm(t);
        String diskId = detachedDisk(t, "成长盘", 2, poolOf(vmId));
        assertThat(attach(t.requester(), vmId, diskId).getStatusCode().value()).isEqualTo(200);
        new TransactionTemplate(transactions).executeWithoutResult(status -> vmSettings.save(
                new TenantVmSettings(t.id(), 8, false, true), userId(t.requester())));

        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(t.requester(), PASSWORD).open("/vms/" + vmId + "/disks");
        By size = By.id("extend-size-" + diskId);
        assertThat(browser.stringWhen(d -> d.findElement(size).getAttribute("max"), "20"::equals))
                .as("2 GiB held, 18 left").isEqualTo("20");
        browser.type(size, "21");
        browser.type(By.id("extend-reason-" + diskId), "more room");
        browser.click(By.id("extend-" + diskId));
        assertThat(browser.script("return arguments[0].validity.rangeOverflow", browser.find(size)))
                .as("the browser keeps it").isEqualTo(true);
        assertThat(getList(t.requester(), "/vms/" + vmId + "/disks").get(0)).containsEntry("pendingSizeGb", null);

        browser.type(size, "6");
        browser.click(By.id("extend-" + diskId));
        browser.waitUntil(d -> d.findElements(By.id("pending-" + diskId)).isEmpty() ? null : true);
        long requestId = ((Number) getList(t.requester(), "/vms/" + vmId + "/disks").get(0).get("pendingRequestId"))
                .longValue();
        String expected = "growing to 6 GiB (request #" + requestId + ", pending approval)";
        assertThat(browser.stringWhen(d -> d.findElement(By.id("pending-" + diskId)).getText(), expected::equals))
                .isEqualTo(expected);
        assertThat(browser.stringWhen(d -> d.findElement(By.id("disk-" + diskId)).getText(),
                text -> text.contains("2 GiB"))).contains("2 GiB");
        browser.click(By.id("pending-" + diskId));
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/requests/" + requestId) ? true : null);
    }
}
