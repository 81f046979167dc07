package io.vsip4x.portal.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.sessions.TestSessions;
import io.vsip4x.portal.web.SessionHash;
import org.junit.jupiter.api.Test;

/**
 * Consoles end with their HTTP session on every node: the end of a session is told through
 * {@code live_event} by the hash of its id, and each node closes its tunnels of that session; a
 * session gone from the shared store ends its consoles by the sweep too.
 */
class ConsoleSessionEndIntegrationTest extends ConsoleTestSupport {

    @Test
    void aSignOutToldByAnotherNodeClosesTheConsoleHereAsSignedOut() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ConsolePerson owner = signIn(t.requester());
        TunnelClient client = openConsole(owner, vmId);

        // The row a node writes when a request ended the session there (it reads its own rows too).
        jdbc.sql("INSERT INTO live_event (kind, session_hash) VALUES ('session-signed-out', :hash)")
                .param("hash", SessionHash.of(TestSessions.idOf(owner.sessionId())))
                .update();

        assertClosed(client, ConsoleReason.SIGNED_OUT);
        awaitGuacdClosed(vmId);
        awaitClosedAndAudited(vmId, ConsoleReason.SIGNED_OUT);
    }

    @Test
    void signingOutEndsThatSessionsTunnelsOnlyNotThePersonsOtherSessions() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ConsolePerson owner = signIn(t.requester());
        ConsolePerson elsewhere = signIn(t.requester());
        TunnelClient client = openConsole(owner, vmId);
        TunnelClient waiting = tunnel(elsewhere);
        String signedOut = TestSessions.idOf(elsewhere.sessionId());

        elsewhere.signOut();

        assertClosed(waiting, ConsoleReason.SIGNED_OUT);
        assertThat(client.received()).noneMatch(i -> i.getOpcode().equals("error"));
        assertThat(closeReason(vmId)).isNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM live_event WHERE session_hash = :hash")
                .param("hash", SessionHash.of(signedOut)).query(Integer.class)
                .single()).isEqualTo(1);
    }

    @Test
    void aSessionRemovedFromTheSharedStoreEndsItsConsole() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ConsolePerson owner = signIn(t.requester());
        TunnelClient client = openConsole(owner, vmId);

        // Gone without a signal (a node that died while removing it): the tunnels' sweep finds it.
        jdbc.sql("DELETE FROM SPRING_SESSION WHERE SESSION_ID = :id")
                .param("id", TestSessions.idOf(owner.sessionId())).update();

        assertClosed(client, ConsoleReason.SESSION_ENDED);
        awaitGuacdClosed(vmId);
        assertThat(closeReason(vmId)).isEqualTo("SESSION_ENDED");
    }
}
