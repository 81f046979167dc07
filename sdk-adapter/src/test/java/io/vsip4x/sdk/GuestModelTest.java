package io.vsip4x.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.codes.GuestTasks;
import io.vsip4x.sdk.model.GuestIpConfig;
import io.vsip4x.sdk.model.GuestIpSettings;
import io.vsip4x.sdk.model.GuestProcess;
import io.vsip4x.sdk.model.GuestProcessList;
import io.vsip4x.sdk.model.GuestSoftwareList;
import io.vsip4x.sdk.model.RemoteControlInfo;
import io.vsip4x.sdk.model.RemoteViewType;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The adapter's reading and writing of the guest-agent and console maps. */
class GuestModelTest {

    @Test
    void readsATaskListGivenAsAJsonStringOrAsAnArray() {
        String text = "[{\"processname\":\"sshd\",\"PID\":\"812\",\"cpu\":\"0.3\",\"memory\":\"0.1\","
                + "\"memory_count\":\"4300\"}]";
        GuestProcessList fromString = GuestProcessList.from(SdkResult.of(Map.of("result", "0", "list", text)));
        GuestProcessList fromArray = GuestProcessList.from(SdkResult.of(Map.of("result", "0",
                "list", List.of(Map.of(" processname", "sshd", "PID", 812, "cpu", "0.3%", "memory_count", 4300)))));

        GuestProcess sshd = fromString.processes().get(0);
        assertThat(sshd.name()).isEqualTo("sshd");
        assertThat(sshd.pid()).isEqualTo("812");
        assertThat(sshd.cpuPercent()).isEqualTo(0.3);
        assertThat(sshd.memoryPercent()).isEqualTo(0.1);
        assertThat(sshd.memoryKb()).isEqualTo(4300);
        assertThat(fromArray.processes()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("sshd");
            assertThat(p.pid()).isEqualTo("812");
            assertThat(p.cpuPercent()).isEqualTo(0.3);
        });
        assertThat(GuestSoftwareList.from(SdkResult.of(Map.of("result", "0", "list", "not json"))).software())
                .isEmpty();
        assertThat(GuestSoftwareList.from(SdkResult.of(Map.of("result", "2004"))).ok()).isFalse();
    }

    @Test
    void sendsDnserverAndReadsEitherSpelling() {
        Map<String, Object> params = new GuestIpSettings("52:54:00:aa:bb:cc", "10.0.0.5", "255.255.255.0", null,
                null).toParams();

        assertThat(params).containsOnlyKeys("macaddr", "ipaddr", "netmask", "gateway", GuestTasks.DNS_KEY)
                .containsEntry("gateway", "");
        assertThat(GuestIpConfig.from(SdkResult.of(Map.of("result", "0", "dnserver", "10.0.0.2"))).dnsServer())
                .isEqualTo("10.0.0.2");
        assertThat(GuestIpConfig.from(SdkResult.of(Map.of("result", "0", "dnsserver", "10.0.0.3"))).dnsServer())
                .isEqualTo("10.0.0.3");
    }

    @Test
    void namesEveryTaskOfAppendixOneAsTheCatalogDoes() throws IOException {
        JsonNode catalog;
        try (InputStream in = getClass().getResourceAsStream("/catalog.json")) {
            catalog = JsonMapper.builder().build().readTree(in);
        }

        List<String> names = catalog.get("guestAgentTasks").valueStream().map(task -> task.get("name").asString())
                .toList();

        assertThat(GuestTasks.ALL).containsExactlyElementsOf(names);
    }

    @Test
    void keepsTheConsolePasswordOutOfToStringAndRaw() {
        Map<String, Object> answer = Map.of("hostId", "host-01", "vncIpAddress", "192.168.100.11", "vncPort", "5901",
                "tlsPort", "", "fastrappw", "Vnc#Secret9", "smartcard", "1", "usbNetworkPort", "7901");

        RemoteControlInfo info = RemoteControlInfo.from(answer);

        assertThat(info.password()).isEqualTo("Vnc#Secret9");
        assertThat(info.vncPort()).isEqualTo(5901);
        assertThat(info.encrypted()).isFalse();
        assertThat(info.smartcard()).isTrue();
        assertThat(info.ok()).isTrue();
        assertThat(info.toString()).doesNotContain("Vnc#Secret9").contains("192.168.100.11:5901");
        assertThat(info.result().raw()).doesNotContainKey("fastrappw").containsEntry("hostId", "host-01");
        assertThat(info.result().toString()).doesNotContain("Vnc#Secret9");
    }

    @Test
    void readsTheSpacedKeysOfGetRemoteViewType() {
        RemoteViewType view = RemoteViewType.from(SdkResult.of(Map.of(" vmId ", "vm-1", " type ", "fastrap")));

        assertThat(view.ok()).isTrue();
        assertThat(view.vmId()).isEqualTo("vm-1");
        assertThat(view.type()).isEqualTo("fastrap");
    }
}
