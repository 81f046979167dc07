package io.vsip4x.simulator;

import static io.vsip4x.simulator.GuestVms.CENTOS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.model.RemoteControlInfo;
import io.vsip4x.sdk.model.RemoteViewType;
import io.vsip4x.simulator.inventory.Host;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** getRemoteControlInfo under both spellings, setRemoteViewType and getRemoteViewType over HTTP. */
class RemoteConsoleTest {

    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = new TestPlatform();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void givesTheConsoleOfARunningVmOnItsHost() {
        GuestVms.running(platform, CENTOS, "vm-vnc");
        String password = platform.simulator.vm("vm-vnc").orElseThrow().vncPassword();
        String hostId = platform.simulator.vm("vm-vnc").orElseThrow().hostId();
        Host host = platform.simulator.inventory().host(hostId).orElseThrow();

        RemoteControlInfo info = platform.client.getRemoteControlInfo("vm-vnc");

        assertThat(info.ok()).isTrue();
        assertThat(info.hostId()).isEqualTo(hostId);
        assertThat(info.vncIpAddress()).isEqualTo(host.ipAddress());
        assertThat(info.vncPort()).isBetween(5900, 6899);
        assertThat(info.password()).isEqualTo(password).isNotBlank();
        assertThat(info.encrypted()).isFalse();
        assertThat(info.smartcard()).isFalse();
        assertThat(info.usbNetworkIp()).isEqualTo(host.ipAddress());
        assertThat(info.usbNetworkPort()).isPositive();
    }

    @Test
    void servesBothSpellingsOfTheMethodWithTheSpecsKeys() {
        GuestVms.running(platform, CENTOS, "vm-alias");

        Map<String, Object> canonical = map(platform.client.call("getRemoteControlInfo", "vm-alias"));
        Map<String, Object> detail = map(platform.client.call("getRemoteControllInfo", "vm-alias"));

        assertThat(detail).isEqualTo(canonical);
        assertThat(canonical).containsOnlyKeys("hostId", "vncIpAddress", "vncPort", "tlsPort", "serverCertParam",
                "fastrappw", "smartcard", "usbNetworkIp", "usbNetworkPort");
        assertThat(RemoteControlInfo.from(detail).vncPort())
                .isEqualTo(Integer.parseInt((String) canonical.get("vncPort")));
    }

    @Test
    void keepsThePasswordOutOfToStringAndTheRawAnswer() {
        GuestVms.running(platform, CENTOS, "vm-secret");
        String password = platform.simulator.vm("vm-secret").orElseThrow().vncPassword();

        RemoteControlInfo info = platform.client.getRemoteControlInfo("vm-secret");

        assertThat(info.password()).isEqualTo(password);
        assertThat(info.toString()).doesNotContain(password).contains("[hidden]").contains(info.vncIpAddress());
        assertThat(info.result().raw()).doesNotContainKey("fastrappw");
        assertThat(info.result().toString()).doesNotContain(password);
    }

    @Test
    void givesATlsPortAndCertificateSubjectForAnEncryptedVm() {
        Map<String, Object> params = new LinkedHashMap<>(TestPlatform.spec("pool-prod", "vm-tls").toParams());
        params.put("vmEncrypt", "true");
        params.put("encrypt_fmt", "sm4");
        assertThat(SdkMaps.string(map(platform.client.call("createVm", params)), "result")).isEqualTo("0");
        platform.awaitStatus("vm-tls", 0);
        platform.client.startVm("vm-tls");
        platform.awaitStatus("vm-tls", 1);

        RemoteControlInfo info = platform.client.getRemoteControlInfo("vm-tls");

        assertThat(info.encrypted()).isTrue();
        assertThat(info.tlsPort()).isNotEqualTo(info.vncPort()).isPositive();
        assertThat(info.serverCertParam()).startsWith("--spice-host-subject=");
    }

    @Test
    void answersForAPausedVmAnd2047ForAStoppedOne() {
        GuestVms.running(platform, CENTOS, "vm-pause");
        platform.createStopped("pool-prod", "vm-down");
        platform.client.pauseVm("vm-pause");
        platform.awaitStatus("vm-pause", 4);

        assertThat(platform.client.getRemoteControlInfo("vm-pause").ok()).isTrue();
        RemoteControlInfo stopped = platform.client.getRemoteControlInfo("vm-down");
        assertThat(stopped.result().code()).isEqualTo("2047");
        assertThat(stopped.password()).isNull();
        assertThat(platform.client.getRemoteControlInfo("no-such-vm").result().code()).isEqualTo("2004");
    }

    @Test
    void remembersTheViewTypePerVmAsGiven() {
        platform.createStopped("pool-prod", "vm-view-a", "vm-view-b");

        RemoteViewType initial = platform.client.getRemoteViewType("vm-view-a");
        assertThat(platform.client.setRemoteViewType("vm-view-a", "fastrap").code()).isEqualTo("0");
        assertThat(platform.client.setRemoteViewType("vm-view-b", "RDP").code()).isEqualTo("0");

        assertThat(initial.ok()).isTrue();
        assertThat(initial.vmId()).isEqualTo("vm-view-a");
        assertThat(initial.type()).isEqualTo("vnc");
        assertThat(platform.client.getRemoteViewType("vm-view-a").type()).isEqualTo("fastrap");
        assertThat(platform.client.getRemoteViewType("vm-view-b").type()).isEqualTo("RDP");
    }

    @Test
    void refusesABlankViewTypeWith2003AndAnUnknownVmWith2004() {
        platform.createStopped("pool-prod", "vm-view");
        platform.client.setRemoteViewType("vm-view", "spice");

        assertThat(platform.client.setRemoteViewType("vm-view", " ").code()).isEqualTo("2003");
        assertThat(platform.client.setRemoteViewType("no-such-vm", "vnc").code()).isEqualTo("2004");
        assertThat(platform.client.getRemoteViewType("no-such-vm").result().code()).isEqualTo("2004");
        assertThat(platform.client.getRemoteViewType("vm-view").type()).isEqualTo("spice");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object answer) {
        return (Map<String, Object>) answer;
    }
}
