package io.vsip4x.portal.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;

/**
 * A portal node that stops, or refuses traffic while it drains, closes its consoles: each tunnel ends
 * with NODE_STOPPING (a reason the page reconnects after, to another node or the restarted portal),
 * its guacd connection is closed and its row and the audit log say why. Stopping the shared context
 * would end every other test, so the stop is that of a second set of tunnels built from the
 * context's real parts, holding a real tunnel; the context's own tunnels go on opening consoles.
 */
class ConsoleEdgeStoppingIntegrationTest extends ConsoleEdgeSupport {

    @Test
    void stoppingClosesTheConsoleAndItsGuacdConnectionAsNodeStopping() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ConsolePerson owner = signIn(t.requester());
        TunnelClient client = openConsole(owner, vmId);
        assertThat(consoles().openConnections(vmId)).isEqualTo(1);
        ConsoleTunnels stopping = tunnelsWith(properties);
        assertThat(stopping.add(serverSide(client))).isTrue();

        stopping.stopAll();

        assertClosed(client, ConsoleReason.NODE_STOPPING);
        awaitGuacdClosed(vmId);
        assertThat(closeReason(vmId)).isEqualTo("NODE_STOPPING");
        assertThat(audited("CONSOLE_CLOSED", vmId)).singleElement()
                .satisfies(e -> assertThat(e.get("params").toString()).contains("reason=NODE_STOPPING"));
        assertThat(stopping.stopping()).isTrue();

        // The shared portal did not stop: the page's reconnect gets a console again.
        assertThat(tunnels.stopping()).isFalse();
        TunnelClient again = openConsole(owner, vmId);
        assertThat(again.isClosed()).isFalse();
        assertThat(consoles().openConnections(vmId)).isEqualTo(1);
        assertThat(audited("CONSOLE_OPENED", vmId)).hasSize(2);
    }

    @Test
    void refusingTrafficClosesTheConsolesAndOpensNoneUntilTrafficIsAcceptedAgain() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        ConsolePerson owner = signIn(t.requester());
        TunnelClient client = openConsole(owner, vmId);
        ConsoleTunnels draining = tunnelsWith(properties);
        assertThat(draining.add(serverSide(client))).isTrue();

        draining.readinessChanged(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));

        assertClosed(client, ConsoleReason.NODE_STOPPING);
        awaitGuacdClosed(vmId);
        assertThat(closeReason(vmId)).isEqualTo("NODE_STOPPING");
        assertThat(audited("CONSOLE_CLOSED", vmId)).singleElement()
                .satisfies(e -> assertThat(e.get("params").toString()).contains("reason=NODE_STOPPING"));
        assertThat(draining.stopping()).isTrue();
        assertThat(draining.count()).isZero();

        draining.readinessChanged(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
        assertThat(draining.stopping()).isFalse();
    }
}
