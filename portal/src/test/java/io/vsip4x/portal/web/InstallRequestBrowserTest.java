package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.web.Browser.Language;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** Installing from an ISO image in a real browser: the advanced option of the new-request page. */
class InstallRequestBrowserTest extends VmBrowserTestSupport {

    private static final String CENTOS_ISO = "iso-centos7";

    @Test
    void requesterSubmitsAnInstallationThroughTheAdvancedOptionAndSeesItInTheirList() {
        TestTenant t = newTenant();
        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(t.requester(), PASSWORD).open("/requests/new");

        // The advanced option is folded away until opened.
        assertThat(browser.find(By.id("imageId")).isDisplayed()).isFalse();
        browser.click(By.cssSelector("#install-options > summary"));
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("kind-install")));
        browser.click(By.id("kind-install"));
        new Select(browser.find(By.id("imageId"))).selectByValue(CENTOS_ISO);
        new Select(browser.find(By.id("osBits"))).selectByValue("64");
        new Select(browser.find(By.id("repoName"))).selectByValue("pool-prod");
        new Select(browser.find(By.id("network"))).selectByValue("vnet-office");
        browser.find(By.id("memoryMb")).clear();
        browser.type(By.id("memoryMb"), "2048");
        browser.type(By.id("reason"), "Install CentOS from the disc");
        browser.click(By.id("submit-request"));

        browser.waitUntil(ExpectedConditions.urlMatches("/requests/\\d+\\?submitted"));
        long id = Long.parseLong(browser.path().replaceAll("^/requests/(\\d+).*$", "$1"));
        assertThat(browser.find(By.id("request-image")).getText()).contains(CENTOS_ISO);
        assertThat(request(t.requester(), id)).containsEntry("kind", "INSTALL").containsEntry("imageId", CENTOS_ISO)
                .containsEntry("osBits", "64").containsEntry("memoryMb", 2048).containsEntry("state", "PENDING");

        browser.open("/requests");
        String row = browser.find(By.id("request-" + id)).getText();
        assertThat(row).contains("Install from image").contains("Image " + CENTOS_ISO);
        browser.screenshot(SCREENSHOTS.resolve("install-request.png"));
    }
}
