package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.vms.VmSeeder;
import io.vsip4x.portal.web.Browser.Language;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The VM list in a real browser: a search typed, a filter chosen and the second page opened
 * show in the address, so a reload shows the same view; a live update of the rows keeps the
 * filters, the page and the ticked boxes.
 */
class VmInventoryBrowserTest extends PortalTestSupport {

    /** Without Chromium the test is aborted (reported as skipped), as in {@link BrowserFlowTest}. */
    @RegisterExtension
    static final TestInstancePreConstructCallback CHROMIUM_INSTALLED = (factory, context) -> Browser.assumeInstalled();

    @Autowired
    LiveUpdates live;

    private Browser browser;
    private VmSeeder seeder;

    @AfterEach
    void cleanUp() {
        if (browser != null) {
            browser.close();
        }
        if (seeder != null) {
            seeder.removeTenant();
        }
    }

    @Test
    void searchFilterAndPageSurviveAReloadAndALiveUpdate() {
        TestTenant t = newTenant();
        seeder = new VmSeeder(jdbc, t.id());
        long owner = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", t.requester())
                .query(Long.class).single();
        // 300 VMs; "-001" finds 100 of them (…-00100 to …-00199), 67 of which are in pool-prod.
        seeder.addMany(t.code(), owner, 300, Instant.parse("2026-04-01T00:00:00Z"));

        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(t.requester(), PASSWORD).open("/vms");
        browser.waitUntil(ExpectedConditions.textToBe(By.id("vm-range"), "1–50 of 300"));
        browser.awaitLiveStream();

        browser.type(By.id("vm-q"), "-001");
        browser.waitUntil(ExpectedConditions.textToBe(By.id("vm-range"), "1–50 of 100"));
        new Select(browser.find(By.id("vm-pool"))).selectByValue("pool-prod");
        browser.waitUntil(ExpectedConditions.textToBe(By.id("vm-range"), "1–50 of 67"));
        // The address holds the search and the filter, and nothing empty.
        browser.waitUntil(d -> "/vms?q=-001&repoName=pool-prod".equals(browser.path()));
        browser.click(By.id("page-next"));
        browser.waitUntil(ExpectedConditions.textToBe(By.id("vm-range"), "51–67 of 67"));
        assertThat(browser.path()).contains("q=-001", "repoName=pool-prod", "page=1");
        assertSecondPage();

        browser.driver().navigate().refresh();
        browser.waitUntil(ExpectedConditions.textToBe(By.id("vm-range"), "51–67 of 67"));
        assertThat(browser.find(By.id("vm-q")).getDomProperty("value")).isEqualTo("-001");
        assertThat(new Select(browser.find(By.id("vm-pool"))).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo("pool-prod");
        assertSecondPage();

        // Every box of the page ticked; then a VM of the page changes state and the rows are
        // refreshed live: same filters, same page, same boxes ticked.
        browser.awaitLiveStream();
        browser.markPage();
        browser.click(By.id("vm-select-all"));
        String changed = browser.ids("#vm-rows tr[id^='vm-']").get(3).substring("vm-".length());
        jdbc.sql("UPDATE vm SET status = 4 WHERE vm_id = :id").param("id", changed).update();
        live.publish(t.id(), LiveUpdates.VMS);
        browser.waitUntil((WebDriver d) -> "4".equals(d.findElement(By.id("vm-" + changed))
                .getDomAttribute("data-status")));
        assertThat(browser.stillMarked()).as("the list was not reloaded").isTrue();
        assertThat(browser.find(By.id("vm-range")).getText()).isEqualTo("51–67 of 67");
        assertSecondPage();
        List<String> ids = browser.ids("#vm-rows tr[id^='vm-']");
        List<WebElement> boxes = browser.driver().findElements(By.cssSelector("#vm-rows input.vm-select"));
        assertThat(boxes).hasSize(17).allMatch(WebElement::isSelected);
        assertThat(browser.find(By.id("vm-select-all")).isSelected()).isTrue();

        // The bulk bar posts the ticked VMs with the action and the secure-erase choice (the
        // endpoint is not this test's: the request is read and held back in the browser).
        browser.script("document.addEventListener('htmx:configRequest', function (e) {"
                + "  if (e.detail.path !== '/vms/bulk') { return; }"
                + "  var data = e.detail.formData;"
                + "  window.__bulk = {verb: e.detail.verb, action: data.get('action'), vmIds: data.getAll('vmIds'),"
                + "    secureErase: data.get('secureErase'), target: e.detail.target.id};"
                + "  e.preventDefault(); });");
        browser.click(By.id("bulk-secure-erase"));
        browser.click(By.cssSelector("#vm-bulk button.bulk-delete"));
        assertThat(browser.acceptConfirmation()).isEqualTo("Delete all the selected VMs? This cannot be undone.");
        browser.waitUntil(d -> browser.script("return window.__bulk || null;") != null);
        assertThat(browser.script("return window.__bulk;")).isEqualTo(Map.of("verb", "post", "action", "delete",
                "vmIds", ids.stream().map(id -> id.substring("vm-".length())).toList(), "secureErase", "on",
                "target", "bulk-results"));
        browser.script("window.scrollTo(0, 0);");
        browser.screenshot(Path.of("target", "screenshots", "vm-inventory.png"));
    }

    /** The second page of "-001" in pool-prod: 17 VMs, none of pool-test's (numbers divisible by 3). */
    private void assertSecondPage() {
        List<String> ids = browser.ids("#vm-rows tr[id^='vm-']");
        assertThat(ids).hasSize(17).allSatisfy(id -> {
            int n = Integer.parseInt(id.substring(id.length() - 5));
            assertThat(n).isBetween(100, 199);
            assertThat(n % 3).isNotZero();
        });
    }
}
