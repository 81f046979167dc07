package io.vsip4x.simulator;

import io.vsip4x.simulator.http.ApiHandler;
import io.vsip4x.simulator.state.PlatformState;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VMs' guest agents as tests switch them ({@link Vsip4xSimulator#guestAgents()}, also served at
 * {@code {base}/admin/guest-agents/{vmId}}). An agent starts
 * {@link SimulatorSettings#guestAgentDelay} after its VM's OS comes up; while it is stopped,
 * {@code agentOn} is false and the guest methods answer 2052. A stopped agent starts again when
 * the VM's OS comes up next. Not persisted.
 */
public final class GuestAgentSwitch implements ApiHandler.GuestAgents {

    private static final Logger log = LoggerFactory.getLogger(GuestAgentSwitch.class);

    private final PlatformState state;

    GuestAgentSwitch(PlatformState state) {
        this.state = state;
    }

    /** Whether the guest agent of VM {@code vmId} answers; empty when there is no such VM. */
    @Override
    public Optional<Boolean> agentOn(String vmId) {
        return state.vm(vmId).map(state::guestAgentOn);
    }

    /** Stops ({@code false}) or starts at once ({@code true}) the guest agent of VM {@code vmId}. */
    @Override
    public void setRunning(String vmId, boolean running) {
        state.setGuestAgentRunning(vmId, running);
        log.info("Guest agent of VM '{}' {}", vmId, running ? "started" : "stopped");
    }
}
