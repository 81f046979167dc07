package io.vsip4x.portal.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who sees what in the approver's queue, and what it shows when the platform cannot say. */
class ApprovalQueueIntegrationTest extends PortalTestSupport {

    @Test
    void queueShowsThePlatformsRoomAsUnknownWhileThePlatformIsDown() {
        TestTenant t = newTenant();
        // A shape of its own, so no earlier answer of the platform is kept for it.
        long id = submit(t.requester(), Map.of("templateId", "tpl-centos7", "repoName", "pool-test", "cpu", 3,
                "memoryMb", 3584, "diskGb", 41, "count", 1, "network", "vnet-office", "reason", "平台中断"));

        simulator.simulator().stop();
        try {
            Map<String, Object> item = getList(t.approver(), "/approvals").stream()
                    .filter(r -> ((Number) r.get("id")).longValue() == id).findFirst().orElseThrow();
            assertThat(item).containsEntry("capacityKnown", false).containsEntry("capacityAvailable", -1);
            assertThat(((Map<?, ?>) item.get("tenantFree")).get("cpu")).isEqualTo(32);

            PageClient page = new PageClient(port, "en");
            page.signIn(t.approver(), PASSWORD);
            String html = page.get("/approvals").body();
            assertThat(html).contains("id=\"approval-" + id + "\"").contains("unknown");
        } finally {
            simulator.simulator().start();
        }
    }

    @Test
    void quotaRequestsWaitForPlatformAdminsAndNotForTheTenantsApprovers() {
        TestTenant t = newTenant();
        String platform = "padm-" + t.code();
        users.create(platform, PASSWORD, "平台 " + t.code(), null, Set.of(Role.PLATFORM_ADMIN));
        long requester = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", t.requester())
                .query(Long.class).single();
        jdbc.sql("""
                INSERT INTO vm_request (tenant_id, requester_id, kind, cpu, memory_mb, disk_gb, vm_count, reason,
                                        state, quota_limits)
                VALUES (:tenant, :requester, 'QUOTA', 0, 0, 0, 0, '多要配额', 'PENDING', '{"cpu":64}')""")
                .param("tenant", t.id()).param("requester", requester).update();
        long id = jdbc.sql("SELECT MAX(id) FROM vm_request WHERE requester_id = :r").param("r", requester)
                .query(Long.class).single();

        assertThat(ids(t.approver())).doesNotContain(id);
        List<Map<String, Object>> adminQueue = getList(platform, "/approvals?kind=quota&tenant=" + t.code());
        assertThat(adminQueue).extracting(r -> ((Number) r.get("id")).longValue()).containsExactly(id);
        assertThat(adminQueue.get(0)).containsEntry("kind", "QUOTA").containsEntry("capacityKnown", null);
        assertThat(getList(platform, "/approvals?kind=create&tenant=" + t.code())).isEmpty();
        assertThat(post(t.approver(), "/requests/" + id + "/reject", Map.of("reason", "不行")).getStatusCode()
                .value()).isEqualTo(403);
        assertThat(post(platform, "/requests/" + id + "/reject", Map.of("reason", "暂不增加")).getBody())
                .containsEntry("state", "REJECTED");
    }

    private List<Long> ids(String user) {
        return getList(user, "/approvals").stream().map(r -> ((Number) r.get("id")).longValue()).toList();
    }
}
