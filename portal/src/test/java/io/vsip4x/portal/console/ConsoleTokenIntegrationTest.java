package io.vsip4x.portal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.TestClock;
import io.vsip4x.portal.identity.Role;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Opening a console: the token the page asks for, and the tunnel that spends it. A token opens
 * one console, once, for the person and the sign-in it was given to, within seconds; every
 * refusal reaches the page as a reason word and a status, and the audit log.
 */
class ConsoleTokenIntegrationTest extends ConsoleTestSupport {

    @Autowired
    private TestClock clock;

    @AfterEach
    void resetTheClock() {
        clock.reset();
    }

    @Test
    void theOwnerOpensTheConsoleAndSeesItsScreen() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ConsolePerson owner = signIn(t.requester());

        HttpResponse<String> answer = owner.requestToken(vmId);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        Map<String, Object> token = ConsolePerson.json(answer);
        assertThat(token).containsEntry("expiresInSeconds", 15).containsEntry("viewOnly", false)
                .containsEntry("tunnel", "/console/tunnel");
        assertThat(token.get("token").toString()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM console_token WHERE vm_id = :vmId AND token_hash = :raw")
                .param("vmId", vmId).param("raw", token.get("token").toString().getBytes()).query(Integer.class)
                .single()).as("only the token's hash is kept").isZero();

        TunnelClient client = tunnel(owner);
        assertThat(client.subProtocol()).isEqualTo("guacamole");
        GuacamoleInstruction first = client.await(i -> true, SOON);
        assertThat(first.getOpcode()).as("the tunnel's id comes first").isEmpty();
        String tunnelId = first.getArgs().get(0);
        assertThat(UUID.fromString(tunnelId)).isNotNull();
        client.auth(token.get("token").toString());
        client.await("img");
        client.send("", "ping", "12345");
        client.await(i -> i.getOpcode().isEmpty() && i.getArgs().equals(List.of("ping", "12345")), SOON);

        assertThat(consoles().openConnections(vmId)).isEqualTo(1);
        assertThat(consoles().connections(vmId).get(0).passwordMatched()).isTrue();
        assertThat(consoles().connections(vmId).get(0).readOnly()).isFalse();
        Map<String, Object> opened = audited("CONSOLE_OPENED", vmId).get(0);
        assertThat(opened).containsEntry("actor", t.requester()).containsEntry("correlation", tunnelId)
                .containsEntry("address", "127.0.0.1");
        assertThat(opened.get("params").toString()).contains("viewOnly=false", "basis=OWNER")
                .containsPattern("sessionId=\\d+");

        client.close();
        awaitGuacdClosed(vmId);
        await().atMost(SOON).until(() -> "USER_CLOSED".equals(closeReason(vmId)));
        Map<String, Object> closed = audited("CONSOLE_CLOSED", vmId).get(0);
        assertThat(closed.get("params").toString()).contains("reason=USER_CLOSED")
                .containsPattern("durationSeconds=\\d+");
        assertThat(closed).containsEntry("correlation", tunnelId);
    }

    @Test
    void aTokenOpensOneConsoleOnly() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ConsolePerson owner = signIn(t.requester());
        String token = owner.token(vmId);
        TunnelClient first = tunnel(owner);
        first.auth(token);
        first.await("img");

        TunnelClient second = tunnel(owner);
        second.auth(token);

        assertRefused(second, ConsoleReason.TOKEN_USED);
        assertThat(consoles().openConnections(vmId)).isEqualTo(1);
        assertThat(audited("CONSOLE_REFUSED", vmId)).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("actor", t.requester()).containsEntry("result", "DENIED");
            assertThat(e.get("params").toString()).isEqualTo("reason=TOKEN_USED");
        });
    }

    @Test
    void anotherPersonsTokenIsRefusedAndStaysTheOwners() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String token = signIn(t.requester()).token(vmId);
        ConsolePerson approver = signIn(t.approver());

        TunnelClient stolen = tunnel(approver);
        stolen.auth(token);

        assertRefused(stolen, ConsoleReason.TOKEN_OTHER_USER);
        assertThat(audited("CONSOLE_REFUSED", vmId)).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("actor", t.approver()));
        assertThat(consoles().openConnections(vmId)).isZero();
        assertThat(jdbc.sql("SELECT used_at IS NULL FROM console_token WHERE vm_id = :vmId").param("vmId", vmId)
                .query(Boolean.class).single()).as("left for its owner").isTrue();
    }

    @Test
    void theSameTokenFromAnotherSignInOfTheOwnerIsRefused() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String token = signIn(t.requester()).token(vmId);

        TunnelClient elsewhere = tunnel(signIn(t.requester()));
        elsewhere.auth(token);

        assertRefused(elsewhere, ConsoleReason.TOKEN_OTHER_USER);
    }

    @Test
    void anExpiredTokenIsRefused() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ConsolePerson owner = signIn(t.requester());
        String token = owner.token(vmId);
        clock.advance(Duration.ofSeconds(16));

        TunnelClient client = tunnel(owner);
        client.auth(token);

        assertRefused(client, ConsoleReason.TOKEN_EXPIRED);
        assertThat(audited("CONSOLE_REFUSED", vmId)).singleElement()
                .satisfies(e -> assertThat(e.get("params").toString()).isEqualTo("reason=TOKEN_EXPIRED"));
    }

    @Test
    void aTunnelWithoutASessionIsRefused() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String token = signIn(t.requester()).token(vmId);

        TunnelClient client = tunnel(null);
        client.auth(token);

        assertRefused(client, ConsoleReason.NO_SESSION);
        assertThat(audited("CONSOLE_REFUSED", vmId)).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("actor", "anonymous"));
        assertThat(consoles().openConnections(vmId)).isZero();
    }

    @Test
    void anUnknownTokenOrAnotherFirstInstructionIsRefused() {
        ConsolePerson person = signIn(newTenant().requester());

        TunnelClient unknown = tunnel(person);
        unknown.auth("not-a-token");
        assertRefused(unknown, ConsoleReason.TOKEN_INVALID);

        TunnelClient keys = tunnel(person);
        keys.send("key", "65", "1");
        assertRefused(keys, ConsoleReason.TOKEN_INVALID);
    }

    @Test
    void theTokenIsRefusedForVmsWithoutAConsoleOrWithoutARight() {
        TestTenant t = newTenant();
        String running = runningVm(t);
        String stopped = stoppedVm(t);
        ConsolePerson owner = signIn(t.requester());
        ConsolePerson approver = signIn(t.approver());
        ConsolePerson stranger = signIn(newTenant().requester());

        HttpResponse<String> notRunning = owner.requestToken(stopped);
        assertThat(notRunning.statusCode()).isEqualTo(409);
        assertThat(notRunning.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(ConsolePerson.json(notRunning).get("detail").toString()).contains("neither running nor paused");
        assertThat(audited("CONSOLE_REFUSED", stopped)).singleElement()
                .satisfies(e -> assertThat(e.get("params").toString()).isEqualTo("reason=VM_NOT_RUNNING"));

        HttpResponse<String> noRight = approver.requestToken(running);
        assertThat(noRight.statusCode()).isEqualTo(403);
        assertThat(ConsolePerson.json(noRight).get("type")).isEqualTo("urn:vsip4x:problem:error.console.forbidden");

        assertThat(stranger.requestToken(running).statusCode()).isEqualTo(404);
    }

    @Test
    void anAuditorPassesTheReadOnlyRuleButGetsNoConsoleUnlessTheSettingAllows() {
        // The setting is off: the VM is neither the auditor's to see nor to watch, so it is not found.
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String auditor = t.code() + "-auditor";
        users.create(auditor, PASSWORD, "审计员 " + t.code(), t.id(), Set.of(Role.AUDITOR));
        ConsolePerson person = signIn(auditor);

        HttpResponse<String> answer = person.requestToken(vmId);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(ConsolePerson.json(answer).get("type")).isEqualTo("urn:vsip4x:problem:error.vm.notFound");
        assertThat(person.activity().statusCode()).isEqualTo(204);
    }
}
