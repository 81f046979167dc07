package io.vsip4x.portal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.admin.ClearanceSettings;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.vms.VmOperationsTestSupport;
import io.vsip4x.sdk.model.CdromInfo;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * A VM's CD-ROM drives through the portal and the simulator over HTTP: adding drives up to four
 * (2068, refused by the portal when it counts four, those waiting for a boot included),
 * loading an image (2062 unknown, 2070 no empty drive, 2003 another pool's), ejecting it (2071),
 * the reboot notice on a running VM, 2052 while an operation is under way, and the refusals of
 * other tenants, lookers-on and people above whose clearance the VM is.
 */
class CdromIntegrationTest extends VmOperationsTestSupport {

    @Autowired
    ClearanceSettings clearances;

    @Test
    void aStoppedVmTakesDrivesUpToFourLoadsAndEjectsImagesWithEachCode() throws Exception {
        TestTenant t = newTenant();
        String vmId = stoppedVm(t);
        assertThat(getList(t.requester(), "/vms/" + vmId + "/cdroms")).isEmpty();
        assertThat(getList(t.requester(), "/vms/" + vmId + "/cdroms/images")).extracting(i -> i.get("id"))
                .as("only the images of the VM's pool").containsExactly("iso-centos7");

        // No drive yet: the platform has nowhere to put the image.
        assertRefused(mount(t.requester(), vmId, "iso-centos7"), "2070");

        ResponseEntity<Map<String, Object>> added = post(t.requester(), "/vms/" + vmId + "/cdroms", null);
        assertThat(added.getStatusCode().value()).isEqualTo(201);
        assertThat(added.getBody()).containsEntry("rebootNeeded", false);
        assertThat((List<?>) added.getBody().get("drives")).hasSize(1);
        assertThat(platformDrives(vmId)).hasSize(1);

        ResponseEntity<Map<String, Object>> unknown = mount(t.requester(), vmId, "iso-nowhere");
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).containsEntry("code", "2062");
        // Were the portal to ask, the platform would now answer 2070: the portal refuses another pool's image first.
        simulator.simulator().faults().answer("vmMountImage", "2070", null);
        try {
            ResponseEntity<Map<String, Object>> otherPool = mount(t.requester(), vmId, "iso-kylin10");
            assertThat(otherPool.getStatusCode().value()).as("answer %s", otherPool.getBody()).isEqualTo(400);
            assertThat(otherPool.getBody()).containsEntry("code", "2003");
            assertThat(otherPool.getBody().get("detail").toString()).contains("another pool");
        } finally {
            simulator.simulator().faults().clearMethod("vmMountImage");
        }

        ResponseEntity<Map<String, Object>> mounted = mount(t.requester(), vmId, "iso-centos7");
        assertThat(mounted.getStatusCode().value()).as("answer %s", mounted.getBody()).isEqualTo(200);
        String drive = mounted.getBody().get("cdromId").toString();
        assertThat(getList(t.requester(), "/vms/" + vmId + "/cdroms")).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("id", drive).containsEntry("loaded", true)
                        .containsEntry("image", "CentOS-7-x86_64-DVD-2009.iso"));
        assertThat(assertRefused(mount(t.requester(), vmId, "iso-centos7"), "2070")).contains("no empty");

        ResponseEntity<Map<String, Object>> ejected = unmount(t.requester(), vmId, drive);
        assertThat(ejected.getStatusCode().value()).isEqualTo(200);
        assertThat(ejected.getBody()).containsEntry("rebootNeeded", false);
        assertThat(getList(t.requester(), "/vms/" + vmId + "/cdroms")).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("loaded", false));
        assertRefused(unmount(t.requester(), vmId, drive), "2071");
        assertRefused(unmount(t.requester(), vmId, vmId + "-cdrom9"), "2071");

        // The platform takes its time adding drive 2: the VM is not locked meanwhile.
        simulator.simulator().faults().slow("vmAddVirtualCdrom", Duration.ofSeconds(4), 1);
        CompletableFuture<ResponseEntity<Map<String, Object>>> adding = CompletableFuture
                .supplyAsync(() -> post(t.requester(), "/vms/" + vmId + "/cdroms", null));
        await().atMost(PATIENCE).until(() -> !simulator.simulator().faults().view().plan().methods()
                .containsKey("vmAddVirtualCdrom"));
        assertRefused(unmount(t.requester(), vmId, vmId + "-cdrom9"), "2071");
        assertThat(adding).as("the other change was answered while the drive was being added").isNotDone();
        assertThat(adding.get(30, TimeUnit.SECONDS).getStatusCode().value()).isEqualTo(201);

        for (int n = 3; n <= 4; n++) {
            assertThat(post(t.requester(), "/vms/" + vmId + "/cdroms", null).getStatusCode().value()).isEqualTo(201);
        }
        // Were the portal to ask, the platform would now answer 2003: the portal sees four and refuses first.
        simulator.simulator().faults().answer("vmAddVirtualCdrom", "2003", null);
        try {
            assertThat(assertRefused(post(t.requester(), "/vms/" + vmId + "/cdroms", null), "2068"))
                    .contains("4 CD-ROM drives");
        } finally {
            simulator.simulator().faults().clearMethod("vmAddVirtualCdrom");
        }
        assertThat(platformDrives(vmId)).hasSize(4);

        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String html = page.get("/vms/" + vmId + "/cdroms").body();
        assertThat(html).contains("id=\"cdrom-add\"").contains("id=\"why-cdrom-add\" data-code=\"2068\"")
                .contains("4 of at most 4 drives").contains("tab-template");
        assertThat(jdbc.sql("""
                SELECT result FROM audit_event WHERE action = 'VM_CDROM_ADD' AND target = :vm ORDER BY id""")
                .param("vm", vmId).query(String.class).list())
                .containsExactly("SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS", "DENIED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'VM_CDROM_MOUNT' AND target = :vm"
                + " AND result = 'DENIED' AND code = '2062'").param("vm", vmId).query(Integer.class).single())
                .as("an image the platform does not list is refused before asking").isEqualTo(1);
    }

    @Test
    void aRunningVmNeedsARebootForAddedDrivesAndEjectsAndThePortalCountsWaitingDrives() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);

        ResponseEntity<Map<String, Object>> added = post(t.requester(), "/vms/" + vmId + "/cdroms", null);
        assertThat(added.getStatusCode().value()).isEqualTo(201);
        assertThat(added.getBody()).containsEntry("rebootNeeded", true);
        assertThat(getList(t.requester(), "/vms/" + vmId + "/cdroms")).as("listed by the platform after the next boot")
                .singleElement().satisfies(d -> assertThat(d).containsEntry("pending", true).containsEntry("id", null));

        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String token = PageClient.csrfOf(page.get("/vms/" + vmId + "/cdroms").body());
        HttpResponse<String> fromPage = page.postForm("/vms/" + vmId + "/cdroms", "_csrf=" + token,
                "HX-Request", "true");
        assertThat(fromPage.statusCode()).isEqualTo(200);
        assertThat(fromPage.body()).contains("id=\"cdrom-reboot\"").contains("Restart or reboot the VM");

        // Four drives wait for the boot: the portal counts them and refuses the fifth itself.
        for (int n = 3; n <= 4; n++) {
            assertThat(post(t.requester(), "/vms/" + vmId + "/cdroms", null).getStatusCode().value()).isEqualTo(201);
        }
        assertRefused(post(t.requester(), "/vms/" + vmId + "/cdroms", null), "2068");

        assertThat(act(t.requester(), vmId, "reboot", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), vmId, 1);
        await().atMost(PATIENCE).until(() -> getList(t.requester(), "/vms/" + vmId + "/cdroms").stream()
                .filter(d -> Boolean.FALSE.equals(d.get("pending"))).count() == 4);

        ResponseEntity<Map<String, Object>> mounted = mount(t.requester(), vmId, "iso-centos7");
        assertThat(mounted.getBody()).as("loading takes effect at once").containsEntry("rebootNeeded", false);
        String drive = mounted.getBody().get("cdromId").toString();
        ResponseEntity<Map<String, Object>> ejected = unmount(t.requester(), vmId, drive);
        assertThat(ejected.getStatusCode().value()).isEqualTo(200);
        assertThat(ejected.getBody()).containsEntry("rebootNeeded", true);
        assertThat(getList(t.requester(), "/vms/" + vmId + "/cdroms")).filteredOn(d -> drive.equals(d.get("id")))
                .singleElement().satisfies(d -> assertThat(d).as("still in until the boot")
                        .containsEntry("loaded", true));
        assertRefused(unmount(t.requester(), vmId, drive), "2071");
    }

    @Test
    void otherTenantsLookersOnBusyVmsAndVmsAboveTheClearanceAreRefused() {
        TestTenant t = newTenant();
        TestTenant other = newTenant();
        String vmId = runningVm(t);

        assertThat(status(other.requester(), "/vms/" + vmId + "/cdroms")).isEqualTo(404);
        assertThat(post(other.requester(), "/vms/" + vmId + "/cdroms", null).getStatusCode().value()).isEqualTo(404);
        assertThat(mount(other.requester(), vmId, "iso-centos7").getStatusCode().value()).isEqualTo(404);
        String auditor = t.code() + "-auditor2";
        users.create(auditor, PASSWORD, "审计 " + t.code(), null, Set.of(Role.AUDITOR));
        assertThat(status(auditor, "/vms/" + vmId + "/cdroms")).as("an auditor sees no department's VMs")
                .isEqualTo(404);
        ResponseEntity<Map<String, Object>> byAuditor = post(auditor, "/vms/" + vmId + "/cdroms", null);
        assertThat(byAuditor.getStatusCode().value()).as("auditors change nothing, whatever they may see")
                .isEqualTo(403);
        assertThat(byAuditor.getBody().get("detail").toString()).contains("cannot change anything");
        assertThat(status(t.approver(), "/vms/" + vmId + "/cdroms")).isEqualTo(200);
        assertThat(post(t.approver(), "/vms/" + vmId + "/cdroms", null).getStatusCode().value())
                .as("approvers may look, not change").isEqualTo(403);

        simulator.simulator().pauseCallbacks(true);
        assertThat(act(t.requester(), vmId, "reboot", null).getStatusCode().value()).isEqualTo(202);
        assertThat(assertRefused(post(t.requester(), "/vms/" + vmId + "/cdroms", null), "2052"))
                .contains("under way");
        assertRefused(mount(t.requester(), vmId, "iso-centos7"), "2052");
        simulator.simulator().pauseCallbacks(false);
        awaitSettled(t.requester(), vmId, 1);

        clearances.setCeiling(t.id(), 2);
        assertThat(platform.call(c -> c.setVmAttributes(List.of(vmId), "vm.classification", 2)).ok()).isTrue();
        await().atMost(PATIENCE).until(() -> status(t.requester(), "/vms/" + vmId) == 404);
        assertThat(status(t.requester(), "/vms/" + vmId + "/cdroms")).isEqualTo(404);
        assertThat(post(t.requester(), "/vms/" + vmId + "/cdroms", null).getStatusCode().value()).isEqualTo(404);
        assertThat(platformDrives(vmId)).isEmpty();
    }

    /** The drives the platform lists for {@code vmId}. */
    private List<CdromInfo> platformDrives(String vmId) {
        return CdromInfo.of(platform.call(c -> c.getVmVdisks(vmId)).devices());
    }

    private ResponseEntity<Map<String, Object>> mount(String user, String vmId, String imageId) {
        return post(user, "/vms/" + vmId + "/cdroms/mount", Map.of("imageId", imageId));
    }

    private ResponseEntity<Map<String, Object>> unmount(String user, String vmId, String drive) {
        return post(user, "/vms/" + vmId + "/cdroms/" + drive + "/unmount", null);
    }
}
