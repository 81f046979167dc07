package io.vsip4x.simulator;

import static io.vsip4x.simulator.GuestVms.CENTOS;

import io.vsip4x.sdk.model.RemoteControlInfo;
import io.vsip4x.simulator.console.SimulatedConsoles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What the simulated guacd's tests share: a fresh simulator per test, its consoles, running VMs. */
abstract class SimulatedGuacdTestBase {

    TestPlatform platform;
    SimulatedConsoles consoles;

    @BeforeEach
    void start() {
        platform = new TestPlatform();
        consoles = platform.simulator.consoles();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    /** A VM that runs, and its console as getRemoteControlInfo gives it. */
    RemoteControlInfo runningVm(String vmId) {
        GuestVms.running(platform, CENTOS, vmId);
        return platform.client.getRemoteControlInfo(vmId);
    }
}
