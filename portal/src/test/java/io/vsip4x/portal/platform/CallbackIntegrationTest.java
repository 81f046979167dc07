package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.callback.CallbackSignature;
import io.vsip4x.portal.PortalTestSupport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The callback endpoint: signed, idempotent, order-safe, and closed to malformed events. */
class CallbackIntegrationTest extends PortalTestSupport {

    private final CallbackSignature signature = new CallbackSignature("sim-callback-secret");

    @Test
    void unsignedWronglySignedOrStaleEventsAreRefusedWith401() throws Exception {
        String vmId = runningVmId();
        String body = event(UUID.randomUUID().toString(), vmId, "shutdownVm", "2011", "0", 1_000_000);
        long now = System.currentTimeMillis();

        assertThat(send(body, null, null)).isEqualTo(401);
        assertThat(send(body, String.valueOf(now), "hmac-sha256=00ff")).isEqualTo(401);
        long stale = now - 6 * 60 * 1000;
        assertThat(send(body, String.valueOf(stale), signature.sign(stale, bytes(body)))).isEqualTo(401);
        assertThat(new CallbackSignature("another-secret").sign(now, bytes(body)))
                .isNotEqualTo(signature.sign(now, bytes(body)));
        assertThat(vm(owner, vmId)).containsEntry("status", 1);
    }

    @Test
    void malformedEventsAreRefusedWith400AndChangeNothing() throws Exception {
        String vmId = runningVmId();

        assertThat(signedSend("not json")).isEqualTo(400);
        assertThat(signedSend(event("", vmId, "shutdownVm", "2011", "0", 1_000_000))).isEqualTo(400);
        assertThat(signedSend(event(UUID.randomUUID().toString(), vmId, "shutdownVm", "2011", "zero", 1_000_000)))
                .isEqualTo(400);
        assertThat(signedSend(event(UUID.randomUUID().toString(), vmId, "shutdownVm", "2011", "0", -1)))
                .isEqualTo(400);
        assertThat(vm(owner, vmId)).containsEntry("status", 1);
    }

    @Test
    void repeatedEventIsAppliedOnceAndOlderEventNeverWins() throws Exception {
        String vmId = runningVmId();
        String eventId = UUID.randomUUID().toString();
        String stop = event(eventId, vmId, "shutdownVm", "2011", "0", 1_000_000);

        assertThat(signedSend(stop)).isEqualTo(204);
        assertThat(signedSend(stop)).isEqualTo(204);
        assertThat(vm(owner, vmId)).containsEntry("status", 0);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM callback_event WHERE event_id = :id").param("id", eventId)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(auditRows(vmId, "operation=shutdownVm, status=0")).isEqualTo(1);

        String older = event(UUID.randomUUID().toString(), vmId, "startVm", "2010", "1", 999_999);
        assertThat(signedSend(older)).isEqualTo(204);
        assertThat(vm(owner, vmId)).containsEntry("status", 0);
    }

    @Test
    void refusalThatContradictsThePortalsViewMakesItReadTheVmAgain() throws Exception {
        String vmId = runningVmId();
        // A stale view: the portal is told the VM stopped while the platform still runs it.
        assertThat(signedSend(event(UUID.randomUUID().toString(), vmId, "shutdownVm", "2011", "0", 1_000_000)))
                .isEqualTo(204);
        assertThat(vm(owner, vmId)).containsEntry("status", 0);

        assertThat(post(owner, "/vms/" + vmId + "/start", null).getStatusCode().value()).isEqualTo(202);

        org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> {
            Map<String, Object> vm = vm(owner, vmId);
            return Integer.valueOf(1).equals(vm.get("status")) && !(Boolean) vm.get("busy");
        });
        assertThat(((Map<?, ?>) vm(owner, vmId).get("lastOperation")).get("code")).isEqualTo("2049");
    }

    @Test
    void oversizedEventIsRefusedBeforeItIsRead() throws Exception {
        String padding = "x".repeat(20_000);
        assertThat(send("{\"pad\":\"" + padding + "\"}", null, null)).isEqualTo(413);
    }

    @Test
    void hostEventIsAcceptedOnceAndChangesNoVm() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String body = """
                {"eventId":"%s","vmId":"","operation":"shutdownHost","result":"3001","resultinfo":"ok",
                 "hostId":"host-04","sequence":3,"occurredAt":"2026-12-04T00:00:00Z"}""".formatted(eventId);
        assertThat(signedSend(body)).isEqualTo(204);
        assertThat(signedSend(body)).isEqualTo(204);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM callback_event WHERE event_id = :id").param("id", eventId)
                .query(Integer.class).single()).isEqualTo(1);
        String neither = body.replace("host-04", "").replace(eventId, UUID.randomUUID().toString());
        assertThat(signedSend(neither)).isEqualTo(400);
    }

    @Test
    void eventForAnUnknownVmIsAcceptedAndIgnored() throws Exception {
        String unknown = "vm-not-ours-" + UUID.randomUUID();
        assertThat(signedSend(event(UUID.randomUUID().toString(), unknown, "startVm", "2010", "1", 5))).isEqualTo(204);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM vm WHERE vm_id = :id").param("id", unknown)
                .query(Integer.class).single()).isZero();
    }

    private String owner;

    private String runningVmId() {
        TestTenant t = newTenant();
        owner = t.requester();
        long id = submit(t.requester(), smallRequest(1));
        post(t.approver(), "/requests/" + id + "/approve", null);
        org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> {
            List<?> vms = (List<?>) request(t.requester(), id).get("vmIds");
            return !vms.isEmpty() && Integer.valueOf(1).equals(vm(t.requester(), vms.get(0).toString()).get("status"))
                    && !(Boolean) vm(t.requester(), vms.get(0).toString()).get("busy");
        });
        return ((List<?>) request(t.requester(), id).get("vmIds")).get(0).toString();
    }

    private int auditRows(String vmId, String params) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE target = :vm AND params LIKE :p")
                .param("vm", vmId).param("p", "%" + params).query(Integer.class).single();
    }

    private static String event(String id, String vmId, String op, String result, String status, long seq) {
        return CallbackPoster.event(id, vmId, op, result, status, seq);
    }

    private int signedSend(String body) throws Exception {
        return new CallbackPoster(port).signed(body);
    }

    private int send(String body, String timestamp, String sig) throws Exception {
        return new CallbackPoster(port).send(body, timestamp, sig);
    }

    private static byte[] bytes(String s) {
        return CallbackPoster.bytes(s);
    }
}
