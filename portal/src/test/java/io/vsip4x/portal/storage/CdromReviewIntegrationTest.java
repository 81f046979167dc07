package io.vsip4x.portal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.vms.VmOperationsTestSupport;
import io.vsip4x.sdk.model.CdromInfo;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;

/**
 * What testers found on the CD-ROM tab, through the portal and the simulator over HTTP: drives
 * added to a running VM are counted and shown until its next boot lists them (add disabled at four
 * with the reason, loading refused while no drive present now is empty); a mount is authorized
 * before its body is checked; a refused image listing is reported with the platform's code and
 * text; and the tab refreshes its live part on the VM events.
 */
class CdromReviewIntegrationTest extends VmOperationsTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Test
    void drivesAddedToARunningVmCountUntilItsNextBootAndLoadingWaitsForADrivePresentNow() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);

        assertThat(post(t.requester(), "/vms/" + vmId + "/cdroms", null).getStatusCode().value()).isEqualTo(201);
        assertThat(platformDrives(vmId)).as("the platform lists it after the boot").isEmpty();
        assertThat(getList(t.requester(), "/vms/" + vmId + "/cdroms")).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("pending", true).containsEntry("loaded", false));

        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String html = page.get("/vms/" + vmId + "/cdroms").body();
        assertThat(html).contains("1 of at most 4 drives").contains("Added, available after the next start or reboot")
                .contains("id=\"cdrom-pending\"").doesNotContain("id=\"why-cdrom-add\"")
                .contains("id=\"why-cdrom-mount\" data-code=\"2070\"")
                .contains("the drives added since its last boot are usable after its next start or reboot");
        assertThat(TemplateReviewIntegrationTest.tagOf(html, "id=\"cdrom-mount\"")).contains("disabled");

        // Loading is refused by the portal: the platform has no drive for it now.
        ResponseEntity<Map<String, Object>> load = mount(t.requester(), vmId, "iso-centos7");
        assertThat(assertRefused(load, "2070")).contains("no empty CD-ROM drive");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'VM_CDROM_MOUNT' AND target = :vm"
                + " AND result = 'DENIED' AND code = '2070'").param("vm", vmId).query(Integer.class).single())
                .isEqualTo(1);

        for (int n = 2; n <= 4; n++) {
            assertThat(post(t.requester(), "/vms/" + vmId + "/cdroms", null).getStatusCode().value()).isEqualTo(201);
        }
        // Were the portal to ask, the platform would answer 2003: the portal counts four and refuses first.
        simulator.simulator().faults().answer("vmAddVirtualCdrom", "2003", null);
        try {
            assertThat(assertRefused(post(t.requester(), "/vms/" + vmId + "/cdroms", null), "2068"))
                    .contains("4 CD-ROM drives");
        } finally {
            simulator.simulator().faults().clearMethod("vmAddVirtualCdrom");
        }
        html = page.get("/vms/" + vmId + "/cdroms").body();
        assertThat(html).contains("4 of at most 4 drives").contains("id=\"why-cdrom-add\" data-code=\"2068\"")
                .contains("already has 4 CD-ROM drives");
        assertThat(TemplateReviewIntegrationTest.tagOf(html, "id=\"cdrom-add\"")).contains("disabled");

        assertThat(act(t.requester(), vmId, "reboot", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), vmId, 1);
        await().atMost(PATIENCE).until(() -> platformDrives(vmId).size() == 4);
        List<Map<String, Object>> listed = getList(t.requester(), "/vms/" + vmId + "/cdroms");
        assertThat(listed).hasSize(4).allSatisfy(d -> assertThat(d).containsEntry("pending", false));
        assertThat(page.get("/vms/" + vmId + "/cdroms").body()).contains("4 of at most 4 drives")
                .doesNotContain("id=\"cdrom-pending\"").doesNotContain("id=\"why-cdrom-mount\"");
        assertThat(mount(t.requester(), vmId, "iso-centos7").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aMountIsAuthorizedBeforeItsBodyIsChecked() {
        TestTenant t = newTenant();
        String vmId = stoppedVm(t);
        ResponseEntity<Map<String, Object>> byApprover = post(t.approver(), "/vms/" + vmId + "/cdroms/mount", Map.of());
        assertThat(byApprover.getStatusCode().value()).as("answer %s", byApprover.getBody()).isEqualTo(403);
        TestTenant other = newTenant();
        assertThat(post(other.requester(), "/vms/" + vmId + "/cdroms/mount", Map.of()).getStatusCode().value())
                .isEqualTo(404);
        ResponseEntity<Map<String, Object>> byOwner = post(t.requester(), "/vms/" + vmId + "/cdroms/mount", Map.of());
        assertThat(byOwner.getStatusCode().value()).as("the owner's empty body is a field error").isEqualTo(400);
        assertThat(byOwner.getBody().toString()).contains("imageId");
    }

    @Test
    void aRefusedImageListingIsReportedWithThePlatformsCodeAndText() {
        TestTenant t = newTenant();
        String vmId = stoppedVm(t);
        simulator.simulator().faults().answer("searchInstallImages", "9004", null);
        try {
            ResponseEntity<Map<String, Object>> images = api(t.requester()).get()
                    .uri("/vms/" + vmId + "/cdroms/images").retrieve().toEntity(JSON);
            assertThat(images.getStatusCode().value()).as("answer %s", images.getBody()).isEqualTo(409);
            assertThat(images.getBody()).containsEntry("code", "9004");
            assertThat(images.getBody().get("detail").toString())
                    .contains("refused to list the installation images").contains("9004").contains("操作失败")
                    .doesNotContain("unreachable");
            PageClient page = new PageClient(port, "en");
            page.signIn(t.requester(), PASSWORD);
            HttpResponse<String> html = page.get("/vms/" + vmId + "/cdroms");
            assertThat(html.statusCode()).isEqualTo(200);
            assertThat(html.body()).contains("id=\"cdrom-images-refused\"").contains("(code 9004): 操作失败");
        } finally {
            simulator.simulator().faults().clearMethod("searchInstallImages");
        }
    }

    @Test
    void theCdromAndTemplateTabsRefreshTheirLivePartOnVmEvents() {
        TestTenant t = newTenant();
        String vmId = stoppedVm(t);
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        for (String tab : List.of("cdroms", "template")) {
            String html = page.get("/vms/" + vmId + "/" + tab).body();
            String live = tab + "-live";
            assertThat(html).contains("hx-ext=\"sse\" sse-connect=\"/live\"")
                    .contains("hx-get=\"/vms/" + vmId + "/" + tab + "\"").contains("hx-trigger=\"sse:vms\"");
            HttpResponse<String> part = page.get("/vms/" + vmId + "/" + tab, "HX-Request", "true",
                    "HX-Target", live);
            assertThat(part.statusCode()).isEqualTo(200);
            assertThat(part.body()).as("only the live part").contains("id=\"" + live + "\"")
                    .doesNotContain("<nav");
        }
    }

    /** The drives the platform lists for {@code vmId}. */
    private List<CdromInfo> platformDrives(String vmId) {
        return CdromInfo.of(platform.call(c -> c.getVmVdisks(vmId)).devices());
    }

    private ResponseEntity<Map<String, Object>> mount(String user, String vmId, String imageId) {
        return post(user, "/vms/" + vmId + "/cdroms/mount", Map.of("imageId", imageId));
    }
}
