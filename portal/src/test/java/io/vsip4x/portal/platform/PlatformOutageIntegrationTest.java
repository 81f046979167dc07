package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nothing the user asked for is lost while the platform is unreachable. */
class PlatformOutageIntegrationTest extends PortalTestSupport {

    @Test
    void operationSentWhilePlatformIsDownStaysQueuedAndIsCreatedWhenItReturns() {
        TestTenant t = newTenant();
        get(t.requester(), "/catalog");
        long id = submit(t.requester(), smallRequest(1));

        simulator.simulator().stop();
        try {
            assertThat(post(t.approver(), "/requests/" + id + "/approve", null).getStatusCode().value())
                    .isEqualTo(200);
            await().atMost(PATIENCE).until(() -> !(Boolean) get(t.requester(), "/platform").get("reachable"));
            // Audit forwarding may be the first to find the platform gone: wait for the operation's own try.
            await().atMost(PATIENCE).until(() -> "platform unreachable".equals(jdbc.sql(
                    "SELECT last_error FROM operation WHERE request_id = :id AND kind = 'CREATE_VM'")
                    .param("id", id).query(String.class).optional().orElse(null)));

            Map<String, Object> op = jdbc.sql("""
                    SELECT state, last_error, attempts FROM operation
                     WHERE request_id = :id AND kind = 'CREATE_VM'""")
                    .param("id", id).query().singleRow();
            assertThat(op.get("state")).isIn("QUEUED", "SENDING");
            assertThat(op.get("last_error")).isEqualTo("platform unreachable");
            assertThat(request(t.requester(), id)).containsEntry("state", "APPROVED");
            assertThat(((Number) get(t.requester(), "/platform").get("waitingOperations")).intValue())
                    .isGreaterThanOrEqualTo(1);

            PageClient zh = new PageClient(port, "zh-CN");
            zh.signIn(t.requester(), PASSWORD);
            assertThat(zh.get("/vms").body()).contains("平台暂时无法连接");
            PageClient en = new PageClient(port, "en");
            en.signIn(t.requester(), PASSWORD);
            assertThat(en.get("/vms").body()).contains("The platform cannot be reached right now");
        } finally {
            simulator.simulator().start();
        }

        Map<String, Object> done = awaitRequestState(t.requester(), id, "COMPLETED");
        String vmId = ((List<?>) done.get("vmIds")).get(0).toString();
        await().atMost(PATIENCE).until(() -> Integer.valueOf(1).equals(vm(t.requester(), vmId).get("status")));
        assertThat(get(t.requester(), "/platform")).containsEntry("reachable", true);
        assertThat(done.get("codes")).isEqualTo(List.of("2100"));
    }

    private Map<String, Object> awaitRequestState(String user, long id, String state) {
        await().atMost(PATIENCE).until(() -> state.equals(request(user, id).get("state")));
        return request(user, id);
    }
}
