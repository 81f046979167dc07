package io.vsip4x.simulator;

import static io.vsip4x.simulator.GuestVms.CENTOS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.GuestIpConfig;
import io.vsip4x.sdk.model.GuestIpSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** With a state file, the guest agent's state and the view type outlive the simulator. */
class GuestPersistenceTest {

    @TempDir
    Path dir;

    @Test
    void keepsAddressesSessionFilesAndViewTypeForANewSimulator() {
        Path file = dir.resolve("sim.json");
        String mac;
        try (TestPlatform first = new TestPlatform(s -> s.withStateFile(file))) {
            GuestVms.running(first, CENTOS, "vm-keep");
            mac = GuestVms.mac(first, "vm-keep");
            first.client.setGuestIpAddress("vm-keep",
                    new GuestIpSettings(mac, "10.10.0.123", "255.255.255.0", "10.10.0.1", "10.10.0.2"));
            first.client.loginVmOS("vm-keep", "alice", "pw");
            first.client.pushFileContent("vm-keep", "kept", "/etc/motd");
            first.client.setRemoteViewType("vm-keep", "fastrap");
            // Let the VM's events reach the receiver, so the next simulator has none left to send.
            first.awaitEvents("vm-keep", 3);
            Await.until("no event is pending", () -> first.simulator.pendingCallbacks().isEmpty());
        }

        try (TestPlatform second = new TestPlatform(s -> s.withStateFile(file))) {
            GuestIpConfig ip = second.client.getGuestIpAddress("vm-keep", mac);
            assertThat(ip.ipAddress()).isEqualTo("10.10.0.123");
            assertThat(ip.dnsServer()).isEqualTo("10.10.0.2");
            assertThat(second.simulator.guest("vm-keep").session().user()).isEqualTo("alice");
            assertThat(second.client.lockVmOS("vm-keep").code()).isEqualTo("0");
            assertThat(second.simulator.guest("vm-keep").files().get("/etc/motd").content()).isEqualTo("kept");
            assertThat(second.client.getRemoteViewType("vm-keep").type()).isEqualTo("fastrap");
        }
    }

    @Test
    void forgetsTheGuestOfADeletedVm() {
        try (TestPlatform platform = new TestPlatform()) {
            GuestVms.running(platform, CENTOS, "vm-gone");
            platform.client.pushFileContent("vm-gone", "x", "/tmp/x");
            platform.client.shutdownVm("vm-gone");
            platform.awaitStatus("vm-gone", 0);

            platform.client.deleteVm("vm-gone");
            Await.until("vm-gone is deleted", () -> platform.simulator.vm("vm-gone").isEmpty());

            assertThat(platform.simulator.guest("vm-gone").files()).isEmpty();
        }
    }

    @Test
    void loadsAStateFileWrittenBeforeGuestsWereKept() throws IOException {
        Path file = dir.resolve("old.json");
        try (TestPlatform first = new TestPlatform(s -> s.withStateFile(file))) {
            GuestVms.running(first, CENTOS, "vm-old");
            first.client.setRemoteViewType("vm-old", "rdp");
            first.awaitEvents("vm-old", 3);
            Await.until("no event is pending", () -> first.simulator.pendingCallbacks().isEmpty());
        }
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode stored = (ObjectNode) json.readTree(Files.readString(file));
        assertThat(stored.remove("guests")).isNotNull();
        Files.writeString(file, json.writeValueAsString(stored));

        try (TestPlatform second = new TestPlatform(s -> s.withStateFile(file))) {
            assertThat(second.simulator.vm("vm-old")).isPresent();
            assertThat(second.client.getRemoteViewType("vm-old").type()).isEqualTo("vnc");
            assertThat(second.client.getGuestProcesses("vm-old").ok()).isTrue();
        }
    }
}
