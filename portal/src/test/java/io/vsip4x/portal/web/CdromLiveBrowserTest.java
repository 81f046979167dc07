package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.web.Browser.Language;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The CD-ROM and template tabs in a real (headless) browser follow changes made elsewhere live,
 * without a reload: a drive added over the API shows as waiting for the next boot, and a template
 * made over the API is listed on the template tab.
 */
class CdromLiveBrowserTest extends VmBrowserTestSupport {

    @Test
    void theCdromAndTemplateTabsFollowChangesMadeElsewhereLive() {
        TestTenant t = newTenant();
        put(t);
        String running = runningVm(t);
        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(t.requester(), PASSWORD).open("/vms/" + running + "/cdroms");
        browser.awaitLiveStream();
        browser.markPage();
        // Texts are read inside waits: a live update may re-render the section between finding and reading.
        assertThat(browser.stringWhen(d -> d.findElement(By.id("cdrom-count")).getText(),
                text -> text.contains("0 of at most 4"))).contains("0 of at most 4");

        assertThat(post(t.requester(), "/vms/" + running + "/cdroms", null).getStatusCode().value()).isEqualTo(201);
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("cdrom-count"), "1 of at most 4"));
        assertThat(browser.stringWhen(d -> d.findElement(By.id("cdrom-pending")).getText(),
                text -> text.contains("after the next start or reboot"))).contains("after the next start or reboot");
        boolean mountEnabled = browser.readWhen(d -> d.findElement(By.id("cdrom-mount")).isEnabled(), on -> !on);
        assertThat(mountEnabled).isFalse();
        assertThat(browser.stillMarked()).as("the page was not reloaded").isTrue();

        String stopped = stoppedVm(t);
        browser.open("/vms/" + stopped + "/template");
        browser.awaitLiveStream();
        browser.markPage();
        assertThat(post(t.requester(), "/vms/" + stopped + "/template", Map.of("name", "Live one"))
                .getStatusCode().value()).isEqualTo(201);
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("template-made"), "Live one"));
        assertThat(browser.stillMarked()).as("the page was not reloaded").isTrue();
    }

    private void put(TestTenant t) {
        assertThat(api(platformAdmin(t)).put().uri("/tenants/" + t.code() + "/vm-settings")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(Map.of("snapshotsPerVm", 8, "templateBuilds", true, "dataDiskApproval", true))
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
    }
}
