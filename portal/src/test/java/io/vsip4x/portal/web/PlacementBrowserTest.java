package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.web.Browser.Language;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A platform admin migrates a VM to another host from the placement pages in a real (headless)
 * browser, and sees it arrive on the VM's page: the new host, and running again.
 */
class PlacementBrowserTest extends VmBrowserTestSupport {

    @Test
    void aPlatformAdminMigratesAVmFromThePlacementPageAndSeesItArrive() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        String vmId = runningVm(t);
        String from = simulator.simulator().vm(vmId).orElseThrow().hostId();
        String to = "host-01".equals(from) ? "host-02" : "host-01";
        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(admin, PASSWORD).open("/admin/placement?tenant=" + t.code());

        WebElement row = browser.find(By.id("placement-vm-" + vmId));
        assertThat(row.getText()).contains(from).contains("pool-prod").contains(t.requester());
        row.findElement(By.linkText(vm(t.requester(), vmId).get("name").toString())).click();
        browser.waitUntil(d -> d.findElements(By.id("migrate-target-" + to)).isEmpty() ? null : true);
        assertThat(browser.find(By.id("placement-current")).getText()).contains(from);
        assertThat(browser.findAll(By.id("migrate-to-" + from))).as("not its own host").isEmpty();
        assertThat(browser.find(By.id("migrate-target-" + to)).getText()).contains("MiB free of").contains("Fits");

        browser.click(By.id("migrate-to-" + to));

        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/vms/" + vmId) ? true : null);
        browser.waitUntil(d -> {
            WebElement status = d.findElement(By.id("vm-status"));
            return to.equals(d.findElement(By.id("vm-host")).getText())
                    && "1".equals(status.getAttribute("data-status")) ? status : null;
        });
        assertThat(browser.find(By.id("vm-status")).getText()).isEqualTo("Running");
        assertThat(simulator.simulator().vm(vmId).orElseThrow().hostId()).isEqualTo(to);
    }
}
