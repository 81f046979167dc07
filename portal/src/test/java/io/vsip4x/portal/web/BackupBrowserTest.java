package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.TenantVmSettings;
import io.vsip4x.portal.tenancy.TenantVmSettingsService;
import io.vsip4x.portal.web.Browser.Language;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A VM's backups page in a real (headless) browser: backing up from its form, the list filled
 * from the callback, and restoring onto another host of the tenant's pools after a confirmation
 * that names what is lost, the page fitting its width throughout.
 */
class BackupBrowserTest extends VmBrowserTestSupport {

    private static final String OVERFLOW = "return document.documentElement.scrollWidth"
            + " - document.documentElement.clientWidth;";

    @Autowired
    TenantVmSettingsService vmSettings;
    @Autowired
    PlatformTransactionManager transactions;

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
        String row = browser.readWhen(d -> d.findElement(By.id("backup-" + backupId)).getText(),
                text -> Stream.of("升级前备份", t.requester(), "校验数据").allMatch(text::contains));
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

    @Test
    void disabledControlsSayWhyInTextOnThePageNotOnlyInATooltip() {
        TestTenant t = newTenant(new Quota(32, 64 * 1024, 1000, 0, 10, 5, 5));
        new TransactionTemplate(transactions).executeWithoutResult(status -> vmSettings.save(
                new TenantVmSettings(t.id(), 1, false, true), userId(t.requester())));
        String vmId = runningVm(t);
        accepted(post(t.requester(), "/vms/" + vmId + "/snapshots", Map.of("note", "第一个")));
        await().atMost(PATIENCE).until(() -> operationsOpen(vmId) == 0);
        accepted(post(t.requester(), "/vms/" + vmId + "/backups", null));
        await().atMost(PATIENCE).until(() -> operationsOpen(vmId) == 0);
        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(t.requester(), PASSWORD).open("/vms/" + vmId + "/snapshots");

        // At the per-VM limit (1) and running (no restore): both reasons read as text beside the controls.
        // Every text and attribute is read inside a wait: a live update may re-render the section meanwhile.
        assertThat(browser.textWhen(By.id("why-snapshot-create"), "1 snapshots")).contains("1 snapshots");
        assertThat(browser.stringWhen(d -> d.findElement(By.id("snapshot-create")).getAttribute("aria-describedby"),
                "why-snapshot-create"::equals)).isEqualTo("why-snapshot-create");
        Reason restore = reason("why-snapshot-restore", "2049", "Restore is unavailable", "2049");
        assertThat(restore.text()).contains("Restore is unavailable").contains("2049");
        assertThat(restore.code()).isEqualTo("2049");
        assertThat(browser.stringWhen(d -> d.findElement(By.cssSelector("#snapshots .snap-note")).getText(),
                "第一个"::equals)).isEqualTo("第一个");

        // The backups page: restore of a running VM, and backing up while a backup runs (the VM is locked).
        simulator.simulator().pauseCallbacks(true);
        try {
            accepted(post(t.requester(), "/vms/" + vmId + "/backups", null));
            browser.open("/vms/" + vmId + "/backups");
            // The backup moves from SENDING to SENT meanwhile, and the section is rendered again.
            Reason locked = reason("why-backup-create", "2052", "being backed up", "2052");
            assertThat(locked.text()).contains("being backed up").contains("2052");
            assertThat(locked.code()).isEqualTo("2052");
            assertThat(browser.textWhen(By.id("why-backup-restore"), "Restore is unavailable"))
                    .contains("Restore is unavailable");
        } finally {
            simulator.simulator().pauseCallbacks(false);
        }

        // Stopped, the memory-snapshot box is disabled and says why; backing up stays possible.
        await().atMost(PATIENCE).until(() -> operationsOpen(vmId) == 0);
        assertThat(act(t.requester(), vmId, "shutdown", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), vmId, 0);
        browser.open("/vms/" + vmId + "/backups");
        assertThat(browser.textWhen(By.id("why-backup-memory"), "A memory snapshot needs a running VM"))
                .contains("A memory snapshot needs a running VM");
        // Read together, again until both hold: [memory snapshot enabled, back up enabled].
        List<Boolean> enabled = browser.readWhen(d -> List.of(d.findElement(By.id("backup-memory")).isEnabled(),
                d.findElement(By.id("backup-create")).isEnabled()), List.of(false, true)::equals);
        assertThat(enabled.get(0)).as("memory snapshot enabled").isFalse();
        assertThat(enabled.get(1)).as("back up enabled").isTrue();
    }

    /** A reason shown beside a disabled control: its text and its platform code, read together. */
    private record Reason(String text, String code) {
    }

    /**
     * The displayed reason {@code id} once its text holds every part and its {@code data-code} is
     * {@code code}, read again while a live update re-renders its section.
     */
    private Reason reason(String id, String code, String... parts) {
        return browser.readWhen(d -> d.findElements(By.id(id)).stream().filter(WebElement::isDisplayed).findFirst()
                .map(e -> new Reason(e.getText(), e.getAttribute("data-code"))).orElse(null),
                r -> code.equals(r.code()) && Stream.of(parts).allMatch(r.text()::contains));
    }

    private int operationsOpen(String vmId) {
        return jdbc.sql("SELECT COUNT(*) FROM operation WHERE vm_id = :id AND state IN ('QUEUED', 'SENDING', 'SENT')")
                .param("id", vmId).query(Integer.class).single();
    }

    private long userId(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class)
                .single();
    }

    private static long accepted(ResponseEntity<Map<String, Object>> answer) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(202);
        return ((Number) answer.getBody().get("operationId")).longValue();
    }
}
