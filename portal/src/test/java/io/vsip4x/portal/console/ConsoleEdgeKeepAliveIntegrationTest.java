package io.vsip4x.portal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.junit.jupiter.api.Test;

/**
 * An idle console is not cut by a reverse proxy's 60-second read time-out: the browser hears from
 * the tunnel at least every {@code portal.console.keep-alive}. While guacd lives, its own no-ops
 * reach the browser; when the tunnel has sent nothing for the keep-alive, the tunnel sends a
 * {@code nop} of its own. (A guacd silent for {@code guacd-silence}, shorter than the keep-alive
 * in the defaults and the tests, ends the console as GUACD_STALLED first: that is
 * {@link ConsoleLifecycleIntegrationTest#aStalledGuacdClosesTheConsole}.)
 */
class ConsoleEdgeKeepAliveIntegrationTest extends ConsoleEdgeSupport {

    @Test
    void anIdleConsoleHearsFromTheTunnelWithinEveryKeepAliveAndStaysOpen() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        TunnelClient client = openConsole(signIn(t.requester()), vmId);
        Duration keepAlive = properties.keepAlive();
        Duration idle = keepAlive.plusSeconds(5);

        // No key, no click, no paste: only the pings guacamole-common-js sends by itself, which the
        // tunnel echoes; those echoes are left out of what counts as hearing from the tunnel.
        long start = System.nanoTime();
        long lastHeard = start;
        long longestGap = 0;
        int seen = client.received().size();
        while (System.nanoTime() - start < idle.toNanos()) {
            client.send("", "ping", Long.toString(System.currentTimeMillis()));
            List<GuacamoleInstruction> all = client.received();
            long now = System.nanoTime();
            for (GuacamoleInstruction i : all.subList(seen, all.size())) {
                if (!(i.getOpcode().isEmpty() && "ping".equals(i.getArgs().get(0)))) {
                    longestGap = Math.max(longestGap, now - lastHeard);
                    lastHeard = now;
                }
            }
            seen = all.size();
            await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        }
        longestGap = Math.max(longestGap, System.nanoTime() - lastHeard);

        assertThat(Duration.ofNanos(longestGap)).isLessThanOrEqualTo(keepAlive);
        assertThat(client.isClosed()).isFalse();
        assertThat(closeReason(vmId)).isNull();
        assertThat(consoles().openConnections(vmId)).isEqualTo(1);
    }

    @Test
    void theTunnelSendsANopWhenItSentNothingForTheKeepAlive() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        TunnelClient client = openConsole(signIn(t.requester()), vmId);
        ConsoleTunnel server = serverSide(client);
        // A sweep of the real tunnel as the context's, but with a keep-alive short enough to come before guacd's
        // silence is noticed; guacd stalled, so that nothing else reaches the browser meanwhile.
        Duration keepAlive = Duration.ofSeconds(1);
        ConsoleTunnels sweeper = tunnelsWith(withKeepAlive(keepAlive));
        assertThat(sweeper.add(server)).isTrue();
        consoles().stall(vmId, true);
        try {
            await().atMost(SOON).until(() -> server.nanosSinceSent(System.nanoTime()) > keepAlive.toNanos() * 3 / 2);
            int before = client.received().size();

            sweeper.sweep();

            await().atMost(SOON).until(() -> client.received().size() > before);
            List<GuacamoleInstruction> all = client.received();
            assertThat(all.subList(before, all.size())).singleElement().satisfies(nop -> {
                assertThat(nop.getOpcode()).isEqualTo("nop");
                assertThat(nop.getArgs()).isEmpty();
            });

            // Right after a send the sweep sends nothing: a no-op goes only after the keep-alive.
            long now = System.nanoTime();
            long sentAt = now - server.nanosSinceSent(now);
            assertThat(now - sentAt).isLessThan(keepAlive.toNanos());
            sweeper.sweep();
            long later = System.nanoTime();
            assertThat(later - server.nanosSinceSent(later)).isEqualTo(sentAt);
            assertThat(client.isClosed()).isFalse();
            assertThat(closeReason(vmId)).isNull();
        } finally {
            consoles().stall(vmId, false);
        }
    }
}
