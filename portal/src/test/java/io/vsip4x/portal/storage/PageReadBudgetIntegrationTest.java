package io.vsip4x.portal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.web.util.HtmlUtils;

/**
 * The VM tabs and the data-disk page read the platform with a short budget (one try, a short
 * read time-out): when it takes the reads and never answers, each page still answers, with its
 * note that the platform cannot be reached, and does not hang for the retries of a long time-out.
 * The bound below only proves that nothing hangs; it measures no speed.
 */
class PageReadBudgetIntegrationTest extends DataDiskTestSupport {

    /** Far above the page budget (3 s), far below the 30 s and more a page took before. */
    private static final Duration NO_HANG = Duration.ofSeconds(10);
    private static final List<String> READS = List.of("getVmSnaps", "getVmVnics", "getVmVdisks", "getDataDisks",
            "searchVmList", "searchInstallImages", "checkDataDiskSpace", "searchHostList");

    @Autowired
    private MessageSource messages;

    @AfterEach
    void answerAgain() {
        READS.forEach(method -> simulator.simulator().faults().clearMethod(method));
    }

    @Test
    void eachPageAnswersWithItsNoteWhenThePlatformTakesTheReadsAndNeverAnswers() {
        TestTenant t = diskTenant(false);
        String vmId = runningVm(t);
        String diskId = detachedDisk(t, "页面", 1, "pool-prod");
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        READS.forEach(method -> simulator.simulator().faults().silent(method, Duration.ofSeconds(40), null));

        assertThat(answered(page, "/vms/" + vmId + "/snapshots", 200)).contains(text("snapshot.platformProblem"));
        assertThat(answered(page, "/vms/" + vmId + "/nics", 200)).contains(text("vm.detail.devices.unreachable"));
        assertThat(answered(page, "/vms/" + vmId + "/disks", 200)).contains(text("disk.free.unknown"));
        assertThat(answered(page, "/disks", 200)).contains(text("disk.free.unknown")).contains(diskId);
        assertThat(answered(page, "/vms/" + vmId + "/cdroms", 503)).contains(text("error.platformUnreachable"));
        assertThat(answered(page, "/vms/" + vmId + "/backups", 200)).contains(vmId);
        assertThat(answered(page, "/vms/" + vmId + "/guest", 200)).as("the platform, not the agent, is blamed")
                .contains(text("vm.guest.unreachable"));
        assertThat(answered(page, "/vms/" + vmId, 200)).contains(text("vm.detail.devices.unreachable"));
    }

    /** The page's body, once it answered {@code status} within {@link #NO_HANG}. */
    private String answered(PageClient page, String path, int status) {
        long start = System.nanoTime();
        HttpResponse<String> answer = page.get(path);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("%s answered without hanging", path).isLessThan(NO_HANG);
        assertThat(answer.statusCode()).as("status of %s", path).isEqualTo(status);
        return answer.body();
    }

    private String text(String key) {
        return HtmlUtils.htmlEscape(messages.getMessage(key, null, Locale.ENGLISH));
    }
}
