package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.web.Browser.Language;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A VM's CD-ROM page in a real (headless) browser: adding a drive, loading an image and ejecting
 * it from its buttons without a reload, and the add button telling why it is disabled at four drives.
 */
class CdromBrowserTest extends VmBrowserTestSupport {

    @Test
    void addingADriveLoadingAndEjectingAnImageFromThePage() {
        TestTenant t = newTenant();
        String vmId = stoppedVm(t);
        browser = Browser.start(port, Language.CHINESE);
        browser.signIn(t.requester(), PASSWORD).open("/vms/" + vmId + "/cdroms");
        assertThat(browser.find(By.id("cdrom-none")).getText()).isEqualTo("此虚拟机没有光驱。");
        browser.markPage();

        browser.click(By.id("cdrom-add"));
        awaitDone("已添加光驱。");
        assertThat(browser.findAll(By.cssSelector("#cdrom-table tbody tr"))).hasSize(1);

        browser.click(By.id("cdrom-mount"));
        awaitDone("已加载镜像。");
        WebElement row = browser.find(By.cssSelector("#cdrom-table tbody tr"));
        String drive = row.getAttribute("data-drive");
        assertThat(row.findElement(By.className("cdrom-image")).getText()).isEqualTo("CentOS-7-x86_64-DVD-2009.iso");

        browser.click(By.id("unmount-" + drive));
        awaitDone("已弹出镜像。");
        assertThat(browser.find(By.cssSelector("#cdrom-table .cdrom-image")).getText()).isEqualTo("空");
        assertThat(browser.stillMarked()).as("the page was not reloaded").isTrue();

        for (int n = 2; n <= 4; n++) {
            int drives = n;
            browser.click(By.id("cdrom-add"));
            browser.waitUntil(d -> d.findElements(By.cssSelector("#cdrom-table tbody tr")).size() == drives);
        }
        WebElement add = browser.find(By.id("cdrom-add"));
        assertThat(add.isEnabled()).isFalse();
        assertThat(add.getAttribute("title")).contains("已有 4 个光驱").contains("2068");
        assertThat(browser.stillMarked()).as("the page was not reloaded").isTrue();
        browser.screenshot(SCREENSHOTS.resolve("cdroms.png"));
    }

    private void awaitDone(String text) {
        browser.waitUntil(ExpectedConditions.textToBe(By.id("cdrom-done"), text));
    }
}
