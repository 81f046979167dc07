package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.web.Browser.Language;
import io.vsip4x.sdk.model.SnapshotInfo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A VM's snapshots page in a real (headless) browser: taking a snapshot and restoring the VM to
 * it from the page's buttons, the confirmation naming what is lost, the list following live.
 */
class SnapshotBrowserTest extends VmBrowserTestSupport {

    private List<SnapshotInfo> snaps(String vmId) {
        return platform.call(c -> c.getVmSnaps(vmId));
    }

    @Test
    void takingASnapshotAndRestoringItFromThePage() {
        TestTenant t = newTenant(new Quota(32, 64 * 1024, 1000, 0, 10, 5, 0));
        String vmId = stoppedVm(t);
        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(t.requester(), PASSWORD).open("/vms/" + vmId + "/snapshots");
        // Texts and attributes are read inside waits: a live update may re-render the page meanwhile.
        assertThat(browser.stringWhen(d -> d.findElement(By.id("tab-snapshots")).getAttribute("aria-current"),
                "page"::equals)).isEqualTo("page");
        browser.awaitLiveStream();
        browser.markPage();

        browser.click(By.id("snapshot-create"));
        String snapId = browser.waitUntil(d -> d.findElements(By.cssSelector("#snapshots tr[data-state='ACTIVE']"
                + " .snap-id")).stream().findFirst().map(WebElement::getText).orElse(null));
        assertThat(snaps(vmId)).extracting(SnapshotInfo::snapId).containsExactly(snapId);
        String row = browser.readWhen(d -> d.findElement(By.id("snapshot-" + snapId)).getText(),
                text -> text.contains(t.requester()));
        assertThat(row)
                .contains(t.requester());

        browser.click(By.id("restore-" + snapId));
        String confirmation = browser.acceptConfirmation();
        assertThat(confirmation).contains(snapId).contains("Everything written to its disks since then is lost");
        String recent = browser.waitUntil(d -> {
            String text = d.findElement(By.id("storage-recent")).getText();
            return text.contains("restore snapshot") && !text.contains("Under way") && !text.contains("Queued")
                    ? text : null;
        });
        assertThat(recent).contains("9003").doesNotContain("Failed");
        assertThat(browser.stillMarked()).as("the page was not reloaded").isTrue();
        assertThat(snaps(vmId)).hasSize(1);
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE target = :vm").param("vm", vmId)
                .query(String.class).list()).contains("SNAPSHOT_CREATE", "SNAPSHOT_RESTORE");
    }
}
