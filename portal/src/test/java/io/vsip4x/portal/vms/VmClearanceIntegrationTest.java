package io.vsip4x.portal.vms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.admin.ClearanceSettings;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.platform.PlatformClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * VMs carry the classification (密级) the platform reports: from their template when created,
 * then whatever the platform says ({@code setVmAttributes} on the simulator changes it). Lists,
 * single answers and power actions keep to the viewer's clearance.
 */
class VmClearanceIntegrationTest extends PortalTestSupport {

    @Autowired
    ClearanceSettings clearances;
    @Autowired
    PlatformClient platform;

    @Test
    void vmReportedAboveTheOwnersClearanceDisappearsFromTheirListsAndRefusesTheirActions() {
        TestTenant t = newTenant();
        clearances.setCeiling(t.id(), 2);
        String watcher = t.code() + "-watcher";
        users.create(watcher, PASSWORD, "审批人 " + t.code(), t.id(), Set.of(Role.USER, Role.APPROVER));
        clearances.setClearance(watcher, 2);
        long request = submit(t.requester(), smallRequest(1));
        post(t.approver(), "/requests/" + request + "/approve", null);
        String vmId = awaitRunningVm(t.requester(), request);
        assertThat(vm(t.requester(), vmId)).containsEntry("classification", 0);

        assertThat(platform.call(c -> c.setVmAttributes(List.of(vmId), "vm.classification", 2)).ok()).isTrue();

        await().atMost(PATIENCE).until(() -> !vmIds(t.requester()).contains(vmId));
        assertThat(status(t.requester(), "/vms/" + vmId)).isEqualTo(404);
        assertThat(post(t.requester(), "/vms/" + vmId + "/shutdown", null).getStatusCode().value()).isEqualTo(404);
        assertThat(post(t.approver(), "/vms/" + vmId + "/reboot", null).getStatusCode().value()).isEqualTo(404);
        assertThat(vmIds(t.approver())).doesNotContain(vmId);
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        assertThat(page.get("/vms").body()).doesNotContain(vmId);
        String token = PageClient.csrfOf(page.get("/vms").body());
        assertThat(page.postForm("/vms/" + vmId + "/shutdown", "_csrf=" + token).statusCode()).isEqualTo(404);
        assertThat(simulator.simulator().vm(vmId).orElseThrow().status()).isEqualTo(1);

        assertThat(vm(watcher, vmId)).containsEntry("classification", 2).containsEntry("status", 1);
        assertThat(vmIds(watcher)).contains(vmId);
        String operator = t.code() + "-ops";
        users.create(operator, PASSWORD, "运维 " + t.code(), null, Set.of(Role.PLATFORM_ADMIN));
        assertThat(vmIds(operator, vmId)).doesNotContain(vmId);
        assertThat(status(operator, "/vms/" + vmId)).isEqualTo(404);
        clearances.setClearance(operator, 2);
        assertThat(vmIds(operator, vmId)).contains(vmId);
        PageClient cleared = new PageClient(port, "en");
        cleared.signIn(watcher, PASSWORD);
        assertThat(cleared.get("/vms").body()).contains(vmId).contains("Secret");

        // The tenant's ceiling caps the watcher's clearance too.
        clearances.setCeiling(t.id(), 1);
        assertThat(vmIds(watcher)).doesNotContain(vmId);
        assertThat(status(watcher, "/vms/" + vmId)).isEqualTo(404);
        clearances.setCeiling(t.id(), 2);

        platform.call(c -> c.setVmAttributes(List.of(vmId), "vm.classification", 0));
        await().atMost(PATIENCE).until(() -> vmIds(t.requester()).contains(vmId));
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE target = :vm").param("vm", vmId)
                .query(String.class).list()).contains("VM_CLASSIFICATION");
    }

    @Test
    void vmOfAClassifiedTemplateCarriesItsLevelFromTheStart() {
        TestTenant t = newTenant();
        clearances.setCeiling(t.id(), 2);
        String cleared = t.code() + "-cleared";
        users.create(cleared, PASSWORD, "用户 " + t.code(), t.id(), Set.of(Role.USER));
        clearances.setClearance(cleared, 2);
        Map<String, Object> kylin = new HashMap<>(smallRequest(1));
        kylin.put("templateId", "tpl-kylin10");
        kylin.put("diskGb", 60);
        long request = submit(cleared, kylin);
        post(t.approver(), "/requests/" + request + "/approve", null);
        // The approver (clearance 0) cannot see the request: it stays pending.
        assertThat(request(cleared, request)).containsEntry("state", "PENDING");

        String high = t.code() + "-high-approver";
        users.create(high, PASSWORD, "审批人 " + t.code(), t.id(), Set.of(Role.USER, Role.APPROVER));
        clearances.setClearance(high, 2);
        post(high, "/requests/" + request + "/approve", null);
        String vmId = awaitRunningVm(cleared, request);

        assertThat(vm(cleared, vmId)).containsEntry("classification", 2);
        assertThat(vmIds(t.approver())).doesNotContain(vmId);
        assertThat(status(t.approver(), "/vms/" + vmId)).isEqualTo(404);
        assertThat(vmIds(high)).contains(vmId);
    }

    private String awaitRunningVm(String user, long requestId) {
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(request(user, requestId).get("state")));
        String vmId = ((List<?>) request(user, requestId).get("vmIds")).get(0).toString();
        await().atMost(PATIENCE).until(() -> Integer.valueOf(1).equals(vm(user, vmId).get("status")));
        return vmId;
    }

    private List<String> vmIds(String user) {
        return vmItems(user, "/vms?size=200").stream().map(vm -> vm.get("vmId").toString()).toList();
    }

    /** The VMs {@code user} finds searching for {@code q} (a platform admin sees more than one page). */
    private List<String> vmIds(String user, String q) {
        return vmItems(user, "/vms?q=" + q).stream().map(vm -> vm.get("vmId").toString()).toList();
    }
}
