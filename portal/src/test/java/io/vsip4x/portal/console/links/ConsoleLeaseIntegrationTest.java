package io.vsip4x.portal.console.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.TestClock;
import io.vsip4x.portal.console.ConsoleProperties;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The lease behind a set of links: the client renews it at its URL without a session; it ends by
 * time (never later than the longest lease after its issue) or when revoked by those who may
 * operate the VM.
 */
class ConsoleLeaseIntegrationTest extends ConsoleLinkTestSupport {

    @Autowired
    private TestClock clock;
    @Autowired
    private ConsoleProperties properties;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void clientRenewsTheLeaseWithoutASessionByGetOrPost() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String url = (String) issued(t.requester(), vmId).get("leaseUrl");

        HttpResponse<String> first = callLease(url, "GET");
        clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> second = callLease(url, "POST");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"valid\":true").contains("\"expiresAt\"");
        assertThat(second.statusCode()).as("no CSRF token needed").isEqualTo(200);
        assertThat(second.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(second.headers().firstValue("Set-Cookie")).as("no session made").isEmpty();
        assertThat(expiresAt(second)).isCloseTo(clock.instant().plus(properties.leaseTtl()),
                within(5, ChronoUnit.SECONDS));
        Map<String, Object> row = jdbc.sql("SELECT renewals, last_renewed_at FROM console_link_lease WHERE vm_id = :vm")
                .param("vm", vmId).query().singleRow();
        assertThat(row.get("renewals")).isEqualTo(2);
        assertThat(row.get("last_renewed_at")).isNotNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE target = :vm AND action LIKE 'CONSOLE_LEASE%'")
                .param("vm", vmId).query(Integer.class).single()).as("renewals are not audited").isZero();
    }

    @Test
    void leaseEndsWhenNotRenewedInTimeAndNeverOutlivesTheLongestLease() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String expiring = (String) issued(t.requester(), vmId).get("leaseUrl");
        String capped = (String) issued(t.requester(), vmId).get("leaseUrl");
        // The second lease was issued almost the longest lease ago.
        Instant issued = clock.instant().minus(properties.leaseMax()).plus(Duration.ofMinutes(1));
        jdbc.sql("UPDATE console_link_lease SET issued_at = :at, expires_at = :until WHERE token_hash = :h")
                .param("at", Timestamp.from(issued)).param("until", Timestamp.from(clock.instant().plusSeconds(30)))
                .param("h", ConsoleLeases.hash(token(capped))).update();

        HttpResponse<String> renewed = callLease(capped, "GET");
        assertThat(renewed.statusCode()).isEqualTo(200);
        assertThat(expiresAt(renewed)).as("capped at the longest lease after its issue")
                .isCloseTo(issued.plus(properties.leaseMax()), within(1, ChronoUnit.SECONDS));

        clock.advance(properties.leaseTtl().plus(Duration.ofSeconds(5)));
        HttpResponse<String> late = callLease(expiring, "GET");
        assertThat(late.statusCode()).isEqualTo(410);
        assertThat(late.body()).contains("\"valid\":false").contains("EXPIRED");
        assertThat(callLease(capped, "POST").statusCode()).isEqualTo(410);
        assertThat(callLease(expiring.substring(0, expiring.lastIndexOf('/') + 1) + "no-such-token", "GET")
                .statusCode()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void ownerTenantAdminAndPlatformAdminRevokeLeasesOthersCannot() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String admin = tenantAdmin(t);
        String ops = platformAdmin(t);
        String url = (String) issued(t.requester(), vmId).get("leaseUrl");
        issued(t.requester(), vmId);
        issued(admin, vmId);

        List<Map<String, Object>> active = getList(t.requester(), "/vms/" + vmId + "/console-links/leases");
        assertThat(active).hasSize(3);
        assertThat(active.get(0)).containsEntry("username", admin);
        long first = ((Number) active.get(2).get("id")).longValue();

        assertThat(delete(t.approver(), vmId, first)).as("sees the VM, may not operate it").isEqualTo(403);
        assertThat(status(t.approver(), "/vms/" + vmId + "/console-links/leases")).isEqualTo(403);
        assertThat(delete(admin, vmId, first)).isEqualTo(204);
        assertThat(delete(admin, vmId, first)).as("revoked already").isEqualTo(404);
        assertThat(delete(ops, vmId, ((Number) active.get(1).get("id")).longValue())).isEqualTo(204);
        assertThat(delete(t.requester(), vmId, ((Number) active.get(0).get("id")).longValue())).isEqualTo(204);

        HttpResponse<String> revoked = callLease(url, "GET");
        assertThat(revoked.statusCode()).isEqualTo(410);
        assertThat(revoked.body()).contains("REVOKED");
        assertThat(getList(t.requester(), "/vms/" + vmId + "/console-links/leases")).isEmpty();
        assertThat(jdbc.sql("""
                SELECT actor FROM audit_event WHERE action = 'CONSOLE_LEASE_REVOKED' AND target = :vm
                   AND result = 'SUCCESS' ORDER BY id""").param("vm", vmId).query(String.class).list())
                .containsExactly(admin, ops, t.requester());
        assertThat(jdbc.sql("SELECT revoked_by FROM console_link_lease WHERE id = :id").param("id", first)
                .query(Long.class).single()).isEqualTo(userId(admin));
    }

    @Test
    void vmPageListsLeasesAndRevokesThem() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        issued(t.requester(), vmId);
        long id = jdbc.sql("SELECT id FROM console_link_lease WHERE vm_id = :vm").param("vm", vmId)
                .query(Long.class).single();
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String csrf = PageClient.csrfOf(page.get("/vms/" + vmId).body());

        assertThat(page.get("/vms/" + vmId + "/console-links/panel").body()).contains("console-lease-" + id);
        HttpResponse<String> after = page.postForm("/vms/" + vmId + "/console-links/leases/" + id + "/revoke",
                "_csrf=" + PageClient.enc(csrf), "HX-Request", "true");

        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("The lease was revoked.").contains("console-leases-none")
                .doesNotContain("console-lease-" + id);
    }

    private int delete(String user, String vmId, long leaseId) {
        return api(user).delete().uri("/vms/" + vmId + "/console-links/leases/" + leaseId).retrieve()
                .toBodilessEntity().getStatusCode().value();
    }

    private static Instant expiresAt(HttpResponse<String> answer) {
        return Instant.parse(answer.body().replaceAll(".*\"expiresAt\":\"([^\"]+)\".*", "$1"));
    }

    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
