package io.vsip4x.portal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.identity.ukey.SignInMethod;
import io.vsip4x.portal.identity.ukey.SignInPolicies;
import io.vsip4x.portal.identity.ukey.SignInPolicy;
import io.vsip4x.portal.sessions.TestSessions;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * How consoles end: signing out, a dropped browser, an end asked for from elsewhere, a lost right
 * and a stalled guacd each close the tunnel and its guacd connection within seconds, say why to
 * the page and in the console's row and the audit log. A person's open consoles are limited, and
 * a recording tenant's consoles are recorded.
 */
class ConsoleLifecycleIntegrationTest extends ConsoleTestSupport {

    @Autowired
    private ConsoleSessions consoleSessions;
    @Autowired
    private ConsoleSettingsRepository settings;
    @Autowired
    private ConsoleNode node;
    @Autowired
    private WebServerApplicationContext web;
    @Autowired
    private SignInPolicies signInPolicies;

    @Test
    void signingOutClosesTheConsoleAndItsGuacdConnection() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ConsolePerson owner = signIn(t.requester());
        TunnelClient client = openConsole(owner, vmId);
        assertThat(consoles().openConnections(vmId)).isEqualTo(1);

        owner.signOut();

        assertClosed(client, ConsoleReason.SIGNED_OUT);
        awaitGuacdClosed(vmId);
        awaitClosedAndAudited(vmId, ConsoleReason.SIGNED_OUT);
    }

    @Test
    void aSessionThatRunsOutClosesTheConsole() throws Exception {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ConsolePerson owner = signIn(t.requester());
        TunnelClient client = openConsole(owner, vmId);

        // The session runs out in the shared store; the expiry sweep finds it, outside any request.
        TestSessions.expire(web, TestSessions.idOf(owner.sessionId()));

        assertClosed(client, ConsoleReason.SESSION_ENDED);
        awaitGuacdClosed(vmId);
        assertThat(closeReason(vmId)).isEqualTo("SESSION_ENDED");
    }

    @Test
    void aDroppedWebSocketClosesTheGuacdConnection() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        TunnelClient client = openConsole(signIn(t.requester()), vmId);

        client.abort();

        awaitGuacdClosed(vmId);
        await().atMost(SOON).until(() -> "BROWSER_DROPPED".equals(closeReason(vmId)));
    }

    @Test
    void aBrowserThatFallsSilentIsDropped() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        TunnelClient client = openConsole(signIn(t.requester()), vmId);

        // No pings, no answers: a browser whose network went away without closing the connection.
        client.stopAnswering();

        assertClosed(client, ConsoleReason.BROWSER_DROPPED, Duration.ofSeconds(25));
        awaitGuacdClosed(vmId);
        assertThat(closeReason(vmId)).isEqualTo("BROWSER_DROPPED");
    }

    @Test
    void anEndAskedForElsewhereClosesTheConsoleWithinSeconds() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ConsolePerson owner = signIn(t.requester());
        TunnelClient byRow = openConsole(owner, vmId);
        TunnelClient byBean = openConsole(owner, vmId);
        List<ConsoleSessionRows.OpenConsole> open = consoleSessions.open(vmId);
        assertThat(open).hasSize(2).allSatisfy(c -> {
            assertThat(c.username()).isEqualTo(t.requester());
            assertThat(c.tenantId()).isEqualTo(t.id());
            assertThat(c.tenantCode()).isEqualTo(t.code());
            assertThat(c.viewOnly()).isFalse();
            assertThat(c.endRequested()).isNull();
            assertThat(c.clientAddress()).isEqualTo("127.0.0.1");
        });
        assertThat(consoleSessions.openInTenant(t.id())).hasSize(2);
        assertThat(consoleSessions.openInTenant(null)).hasSizeGreaterThanOrEqualTo(2);

        // Another node (or a person's page) sets the row: this node's sweep closes the tunnel.
        jdbc.sql("UPDATE console_session SET end_requested = 'ENDED_BY_ADMIN', end_requested_by = 1 WHERE id = :id")
                .param("id", open.get(0).id()).update();
        assertClosed(byRow, ConsoleReason.ENDED_BY_ADMIN);

        assertThat(consoleSessions.requestEnd(open.get(1).id(), "TAKEN_OVER", 1L)).isTrue();
        assertClosed(byBean, ConsoleReason.TAKEN_OVER);
        assertThat(consoleSessions.requestEnd(open.get(1).id(), "ENDED_BY_ADMIN", 1L)).as("closed already").isFalse();
        awaitGuacdClosed(vmId);
        assertThat(jdbc.sql("SELECT close_reason FROM console_session WHERE vm_id = :vmId ORDER BY id")
                .param("vmId", vmId).query(String.class).list()).containsExactly("ENDED_BY_ADMIN", "TAKEN_OVER");
        assertThat(consoleSessions.open(vmId)).isEmpty();
    }

    @Test
    void anAdminEndClosesATunnelOfThisNodeAtOnce() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String admin = t.code() + "-admin";
        users.create(admin, PASSWORD, "管理员 " + t.code(), t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        TunnelClient client = openConsole(signIn(t.requester()), vmId);
        long id = consoleSessions.open(vmId).get(0).id();

        // The end is asked for in the admin's transaction; the tunnel closes once it commits.
        assertThat(api(admin).delete().uri("/admin/consoles/" + id).retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(2)).until(() -> consoles().openConnections(vmId) == 0);
        assertClosed(client, ConsoleReason.ENDED_BY_ADMIN);
        awaitClosedAndAudited(vmId, ConsoleReason.ENDED_BY_ADMIN);
    }

    @Test
    void aTakeOverThroughThePageClosesATunnelOfThisNodeAtOnce() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String admin = t.code() + "-admin";
        users.create(admin, PASSWORD, "管理员 " + t.code(), t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        TunnelClient client = openConsole(signIn(t.requester()), vmId);
        PageClient page = new PageClient(port, "en");
        page.signIn(admin, PASSWORD);

        HttpResponse<String> taken = page.postForm("/vms/" + vmId + "/console/takeover",
                "_csrf=" + PageClient.enc(PageClient.csrfOf(page.get("/consoles").body())), "HX-Request", "true");

        assertThat(taken.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(2)).until(() -> consoles().openConnections(vmId) == 0);
        assertClosed(client, ConsoleReason.TAKEN_OVER);
        await().atMost(SOON).until(() -> "TAKEN_OVER".equals(closeReason(vmId)));
    }

    @Test
    void losingTheRightClosesTheConsole() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String mate = teammate(t);
        long shareId = share(vmId, t.requester(), mate);
        TunnelClient client = openConsole(signIn(mate), vmId);

        jdbc.sql("UPDATE console_share SET revoked_at = NOW(3) WHERE id = :id").param("id", shareId).update();

        assertClosed(client, ConsoleReason.ACCESS_LOST);
        awaitGuacdClosed(vmId);
        assertThat(closeReason(vmId)).isEqualTo("ACCESS_LOST");
    }

    @Test
    void lockingTheAccountClosesItsConsoleWithoutAnotherRequest() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        TunnelClient client = openConsole(signIn(t.requester()), vmId);

        jdbc.sql("UPDATE app_user SET locked = TRUE WHERE username = :u").param("u", t.requester()).update();

        assertClosed(client, ConsoleReason.ACCESS_LOST);
        awaitGuacdClosed(vmId);
        assertThat(closeReason(vmId)).isEqualTo("ACCESS_LOST");
    }

    @Test
    void revokingTheKeyTheSessionSignedInWithClosesItsConsoleWithoutAnotherRequest() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String tenant = Long.toString(t.id());
        signInPolicies.set(new SignInPolicy(SignInPolicy.Scope.TENANT, tenant, SignInMethod.BOTH, false), null);
        try {
            // Password, then the key: the session signed in with the key's binding.
            TunnelClient client = openConsole(signIn(t.requester()), vmId);
            String sid = ukeyFor(t.requester()).sid();

            ukeyBindings.revoke(ukeyBindings.active(sid).orElseThrow().id(), null, "lost");

            assertClosed(client, ConsoleReason.ACCESS_LOST);
            awaitGuacdClosed(vmId);
            assertThat(closeReason(vmId)).isEqualTo("ACCESS_LOST");
        } finally {
            signInPolicies.clear(SignInPolicy.Scope.TENANT, tenant);
        }
    }

    @Test
    void aStricterPolicyClosesTheConsoleOfASessionItNoLongerAllows() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String tenant = Long.toString(t.id());
        // A password alone signs this person in, until the department needs a UKEY.
        TunnelClient client = openConsole(signIn(t.requester()), vmId);
        signInPolicies.set(new SignInPolicy(SignInPolicy.Scope.TENANT, tenant, SignInMethod.UKEY, false), null);
        try {
            assertClosed(client, ConsoleReason.ACCESS_LOST);
            awaitGuacdClosed(vmId);
            assertThat(closeReason(vmId)).isEqualTo("ACCESS_LOST");
        } finally {
            signInPolicies.clear(SignInPolicy.Scope.TENANT, tenant);
        }
    }

    @Test
    void aTenantAdminWhoLosesTheRoleLosesTheConsole() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String admin = t.code() + "-admin";
        users.create(admin, PASSWORD, "管理员 " + t.code(), t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        TunnelClient client = openConsole(signIn(admin), vmId);

        jdbc.sql("DELETE FROM user_role WHERE role = 'TENANT_ADMIN' AND user_id = "
                + "(SELECT id FROM app_user WHERE username = :u)").param("u", admin).update();

        assertClosed(client, ConsoleReason.ACCESS_LOST);
        awaitGuacdClosed(vmId);
        assertThat(closeReason(vmId)).isEqualTo("ACCESS_LOST");
    }

    @Test
    void aStalledGuacdClosesTheConsole() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        TunnelClient client = openConsole(signIn(t.requester()), vmId);

        consoles().stall(vmId, true);
        try {
            assertClosed(client, ConsoleReason.GUACD_STALLED, Duration.ofSeconds(20));
            awaitGuacdClosed(vmId);
            assertThat(closeReason(vmId)).isEqualTo("GUACD_STALLED");
        } finally {
            consoles().stall(vmId, false);
        }
    }

    @Test
    void aVmThatStopsClosesItsConsole() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        TunnelClient client = openConsole(signIn(t.requester()), vmId);

        assertThat(act(t.requester(), vmId, "shutdown", null).getStatusCode().value()).isEqualTo(202);

        assertClosed(client, ConsoleReason.VM_NOT_RUNNING);
        awaitGuacdClosed(vmId);
        assertThat(closeReason(vmId)).isEqualTo("VM_NOT_RUNNING");
    }

    @Test
    void aVmThatStoppedBeforeItsTunnelOpenedIsRefused() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ConsolePerson owner = signIn(t.requester());
        String token = owner.token(vmId);
        // The portal has not heard yet: only the platform's console answer (2047) says the VM stopped.
        simulator.simulator().pauseCallbacks(true);
        platform.call(c -> c.shutdownVm(vmId));
        awaitPlatform(vmId, 0);

        TunnelClient client = tunnel(owner);
        client.auth(token);

        assertRefused(client, ConsoleReason.VM_NOT_RUNNING);
        assertThat(consoleSessions.open(vmId)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM console_session WHERE vm_id = :vmId").param("vmId", vmId)
                .query(Integer.class).single()).as("a console that never opened leaves no row").isZero();
    }

    @Test
    void theConsolesOfALostNodeAreClosed() {
        TestTenant t = newTenant();
        jdbc.sql("""
                INSERT INTO console_session (vm_id, vm_name, tenant_id, user_id, username, view_only, node,
                                             opened_at, seen_at)
                SELECT 'vm-lost-node', 'lost', :tenantId, id, username, FALSE, 'gone-1-cafe', :opened, :seen
                  FROM app_user WHERE username = :username""")
                .param("tenantId", t.id()).param("username", t.requester())
                .param("opened", Timestamp.from(Instant.now().minus(Duration.ofMinutes(5))))
                .param("seen", Timestamp.from(Instant.now().minus(Duration.ofMinutes(2))))
                .update();

        node.heartbeat();

        assertThat(closeReason("vm-lost-node")).isEqualTo("NODE_LOST");
        assertThat(audited("CONSOLE_CLOSED", "vm-lost-node")).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("actor", t.requester());
            assertThat(e.get("params").toString()).contains("reason=NODE_LOST", "durationSeconds=");
        });
    }

    @Test
    void aPersonHasNoMoreConsolesOpenThanTheLimit() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ConsolePerson owner = signIn(t.requester());
        openConsole(owner, vmId);
        openConsole(owner, vmId);
        String heldBack = owner.token(vmId);
        openConsole(owner, vmId);

        HttpResponse<String> fourth = owner.requestToken(vmId);
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(ConsolePerson.json(fourth).get("detail").toString()).contains("at most 3 consoles");
        TunnelClient late = tunnel(owner);
        late.auth(heldBack);
        assertRefused(late, ConsoleReason.LIMIT_REACHED);

        assertThat(consoles().openConnections(vmId)).isEqualTo(3);
        // The refusal closes the tunnel before its audit row is written: wait for the row.
        await().atMost(SOON).untilAsserted(() -> assertThat(audited("CONSOLE_REFUSED", vmId))
                .extracting(e -> e.get("params")).containsExactly("reason=LIMIT_REACHED", "reason=LIMIT_REACHED"));
    }

    @Test
    void aRecordingTenantsConsolesAreRecorded() throws Exception {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        TenantConsoleSettings recording = TenantConsoleSettings.defaults(t.id());
        settings.save(new TenantConsoleSettings(t.id(), recording.usbControl(), false, false, true,
                recording.keyboardLayout(), true, 7), 1L);
        TunnelClient client = openConsole(signIn(t.requester()), vmId);
        client.await("sync");
        client.close();
        await().atMost(SOON).until(() -> "USER_CLOSED".equals(closeReason(vmId)));

        Map<String, Object> row = jdbc.sql("""
                SELECT id, recording_path, recording_bytes, closed_at, recording_until FROM console_session
                 WHERE vm_id = :vmId""")
                .param("vmId", vmId)
                .query((rs, n) -> Map.<String, Object>of("id", rs.getLong(1), "path", rs.getString(2),
                        "bytes", rs.getLong(3), "closed", rs.getTimestamp(4).toInstant(),
                        "until", rs.getTimestamp(5).toInstant()))
                .single();
        Path file = Path.of(row.get("path").toString());
        assertThat(file).endsWith(Path.of(Long.toString(t.id()), row.get("id") + ".guac"));
        assertThat(Files.size(file)).isEqualTo((Long) row.get("bytes")).isPositive();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("3.img,").contains("4.sync,");
        assertThat(Duration.between((Instant) row.get("closed"), (Instant) row.get("until")))
                .isEqualTo(Duration.ofDays(7));
    }
}
