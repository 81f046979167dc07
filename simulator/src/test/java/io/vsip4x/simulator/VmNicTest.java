package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.DeviceList;
import io.vsip4x.sdk.model.VnicInfo;
import io.vsip4x.sdk.model.VnicSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Adding, changing and listing a VM's NICs over HTTP:
 * {@code addVmNetwork}, {@code setVmNetwork}, {@code getVmVnics}.
 */
class VmNicTest {

    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = new TestPlatform();
        platform.createStopped("pool-prod", "vm-a");
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void addsADhcpNicWithTheNextFreeAddressOfTheNetwork() {
        VnicSpec first = VnicSpec.dhcp("vnet-dmz");
        VnicSpec second = VnicSpec.dhcp("vnet-dmz");

        assertThat(platform.client.addVmNetwork("vm-a", first).code()).isEqualTo("0");
        assertThat(platform.client.addVmNetwork("vm-a", second).code()).isEqualTo("0");

        List<VnicInfo> nics = nics("vm-a");
        assertThat(nics).hasSize(3);
        VnicInfo added = nic(nics, first.macAddress());
        assertThat(added.network()).isEqualTo("vnet-dmz");
        assertThat(added.ipAddress()).isEqualTo("172.16.10.10");
        assertThat(added.subnetMask()).isEqualTo("255.255.255.0");
        assertThat(added.gateway()).isEqualTo("172.16.10.1");
        assertThat(added.dnsServers()).containsExactly("172.16.10.2");
        assertThat(added.driver()).isEqualTo("virtio");
        assertThat(nic(nics, second.macAddress()).ipAddress()).isEqualTo("172.16.10.11");
        assertThat(nics).extracting(VnicInfo::id).doesNotHaveDuplicates().doesNotContainNull();
    }

    @Test
    void refusesADhcpNicWhenTheNetworkHasNoFreeAddressWith2066() {
        // vnet-dmz hands out .10 to .254: 245 addresses, none taken yet by vm-a's office NIC.
        for (int i = 0; i < 245; i++) {
            assertThat(platform.client.addVmNetwork("vm-a", VnicSpec.dhcp("vnet-dmz")).code()).as("NIC %d", i)
                    .isEqualTo("0");
        }
        int before = nics("vm-a").size();

        assertThat(platform.client.addVmNetwork("vm-a", VnicSpec.dhcp("vnet-dmz")).code()).isEqualTo("2066");
        assertThat(nics("vm-a")).hasSize(before);
    }

    @Test
    void addsANicWithAFixedAddressToARunningVm() {
        platform.client.startVm("vm-a");
        platform.awaitStatus("vm-a", 1);
        VnicSpec spec = VnicSpec.fixed("vnet-office", "10.10.0.50", "255.255.255.0", "10.10.0.1",
                "10.10.0.2", "10.10.0.3");

        assertThat(platform.client.addVmNetwork("vm-a", spec).code()).isEqualTo("0");

        VnicInfo nic = nic(nics("vm-a"), spec.macAddress());
        assertThat(nic.ipAddress()).isEqualTo("10.10.0.50");
        assertThat(nic.gateway()).isEqualTo("10.10.0.1");
        assertThat(nic.dnsServers()).containsExactly("10.10.0.2", "10.10.0.3");
        assertThat(nic.raw()).containsKeys("vnic.id", "vnic.name", "vnic.device", "vnic.driver", "vnic.macaddr",
                "vnic.vbridge", "vnic.ipaddr", "vnic.netmask", "vnic.gateway", "vnic.dnsserver");
    }

    @Test
    void refusesBadAddressesWith2003AndChangesNothing() {
        List<VnicInfo> before = nics("vm-a");
        String takenIp = before.get(0).ipAddress();
        String takenMac = before.get(0).macAddress();

        assertThat(add(p -> p.put("ipaddr", "10.10.0.300"))).isEqualTo("2003");
        assertThat(add(p -> p.put("ipaddr", "10.10.0"))).isEqualTo("2003");
        assertThat(add(p -> p.put("netmask", "255.0.255.0"))).isEqualTo("2003");
        assertThat(add(p -> p.put("gateway", "192.168.1.1"))).isEqualTo("2003");
        assertThat(add(p -> p.put("gateway", "10.10.0.60"))).isEqualTo("2003");
        assertThat(add(p -> p.put("ipaddr", "10.10.0.255"))).isEqualTo("2003");
        assertThat(add(p -> p.put("ipaddr", "172.16.10.60"))).isEqualTo("2003");
        assertThat(add(p -> p.put("dnsserver", "dns.example.com"))).isEqualTo("2003");
        assertThat(add(p -> p.put("ipaddr", takenIp))).isEqualTo("2003");
        assertThat(add(p -> p.put("macaddr", takenMac))).isEqualTo("2003");
        assertThat(add(p -> p.put("macaddr", "01:00:5e:00:00:01"))).isEqualTo("2003");
        assertThat(add(p -> p.put("macaddr", "52:54:00:zz:00:01"))).isEqualTo("2003");
        assertThat(add(p -> p.remove("macaddr"))).isEqualTo("2003");
        assertThat(add(p -> p.remove("vbridge"))).isEqualTo("2003");
        assertThat(nics("vm-a")).isEqualTo(before);
        assertThat(add(p -> { })).isEqualTo("0");
    }

    @Test
    void refusesANetworkNotOpenToTheVmsPoolOrUnknownWith2003() {
        platform.createStopped("pool-test", "vm-t");

        // vnet-lab reaches pool-test only.
        assertThat(platform.client.addVmNetwork("vm-a", VnicSpec.dhcp("vnet-lab")).code()).isEqualTo("2003");
        assertThat(platform.client.addVmNetwork("vm-a", VnicSpec.dhcp("vnet-none")).code()).isEqualTo("2003");
        assertThat(nics("vm-a")).hasSize(1);

        assertThat(platform.client.addVmNetwork("vm-t", VnicSpec.dhcp("vnet-lab")).code()).isEqualTo("0");
        assertThat(nics("vm-t")).extracting(VnicInfo::network).containsExactly("vnet-office", "vnet-lab");
        assertThat(platform.client.getVirtualNetwork("pool-prod")).extracting(n -> n.virtualNetworkId())
                .doesNotContain("vnet-lab");
    }

    @Test
    void refusesAnUnknownVmWith2004() {
        VnicSpec spec = VnicSpec.dhcp("vnet-office");

        assertThat(platform.client.addVmNetwork("no-vm", spec).code()).isEqualTo("2004");
        assertThat(platform.client.setVmNetwork("no-vm", spec).code()).isEqualTo("2004");
        DeviceList<VnicInfo> unknown = platform.client.getVmVnics("no-vm");
        assertThat(unknown.code()).isEqualTo("2004");
        assertThat(unknown.devices()).isEmpty();
    }

    @Test
    void changesANicFoundByItsMacAndKeepsItsDhcpAddressOnItsNetwork() {
        VnicInfo original = nics("vm-a").get(0);
        VnicSpec fixed = new VnicSpec(original.macAddress(), "vnet-office", "10.10.0.77", null, "10.10.0.1",
                List.of());

        assertThat(platform.client.setVmNetwork("vm-a", fixed).code()).isEqualTo("0");
        VnicInfo changed = nics("vm-a").get(0);
        assertThat(changed.id()).isEqualTo(original.id());
        assertThat(changed.ipAddress()).isEqualTo("10.10.0.77");
        assertThat(changed.subnetMask()).isEqualTo("255.255.255.0");
        assertThat(changed.dnsServers()).isEmpty();

        VnicSpec dhcpSameNetwork = new VnicSpec(original.macAddress(), "vnet-office", null, null, null, List.of());
        assertThat(platform.client.setVmNetwork("vm-a", dhcpSameNetwork).code()).isEqualTo("0");
        assertThat(nics("vm-a").get(0).ipAddress()).isEqualTo("10.10.0.77");

        VnicSpec moved = new VnicSpec(original.macAddress(), "vnet-dmz", null, null, null, List.of());
        assertThat(platform.client.setVmNetwork("vm-a", moved).code()).isEqualTo("0");
        VnicInfo onDmz = nics("vm-a").get(0);
        assertThat(onDmz.network()).isEqualTo("vnet-dmz");
        assertThat(onDmz.ipAddress()).startsWith("172.16.10.");
        assertThat(onDmz.gateway()).isEqualTo("172.16.10.1");
    }

    @Test
    void refusesChangingANicTheVmDoesNotHaveWith2060() {
        List<VnicInfo> before = nics("vm-a");

        VnicSpec unknownMac = new VnicSpec("52:54:00:00:00:01", "vnet-office", null, null, null, List.of());
        VnicSpec badGateway = new VnicSpec(before.get(0).macAddress(), "vnet-office", "10.10.0.40",
                "255.255.255.0", null, List.of());
        Map<String, Object> outside = new LinkedHashMap<>(badGateway.toParams());
        outside.put("gateway", "10.20.0.1");

        assertThat(platform.client.setVmNetwork("vm-a", unknownMac).code()).isEqualTo("2060");
        assertThat(code(platform.client.call("setVmNetwork", "vm-a", outside))).isEqualTo("2003");
        assertThat(nics("vm-a")).isEqualTo(before);
    }

    @Test
    void acceptsTheKeySpellingsOfTheOtherNicMethods() {
        Map<String, Object> createVmSpelling = new LinkedHashMap<>();
        createVmSpelling.put("macAddress", "52:54:00:AA:BB:01");
        createVmSpelling.put("vnicBridge", "vnet-office");
        createVmSpelling.put("IPAddress", "10.10.0.91");
        createVmSpelling.put("subnetMask", "255.255.255.0");
        createVmSpelling.put("Gateways", List.of("10.10.0.1"));
        createVmSpelling.put("dnsAddress", "10.10.0.2");
        createVmSpelling.put("nicRate", "100");
        Map<String, Object> installVmSpelling = Map.of("vnicMacAddr", "52:54:00:aa:bb:01", "vbridge", "vnet-office",
                "ipaddr", "10.10.0.92", "dnserver", "10.10.0.3", "bandWidth", "50");

        assertThat(code(platform.client.call("addVmNetwork", "vm-a", createVmSpelling))).isEqualTo("0");
        VnicInfo added = nic(nics("vm-a"), "52:54:00:aa:bb:01");
        assertThat(added.ipAddress()).isEqualTo("10.10.0.91");
        assertThat(added.gateway()).isEqualTo("10.10.0.1");
        assertThat(added.dnsServers()).containsExactly("10.10.0.2");

        assertThat(code(platform.client.call("setVmNetwork", "vm-a", installVmSpelling))).isEqualTo("0");
        VnicInfo changed = nic(nics("vm-a"), "52:54:00:aa:bb:01");
        assertThat(changed.ipAddress()).isEqualTo("10.10.0.92");
        assertThat(changed.dnsServers()).containsExactly("10.10.0.3");
        assertThat(changed.raw()).containsEntry("vnic.macaddr", "52:54:00:aa:bb:01")
                .doesNotContainKeys("macaddr", "macAddress", "IPAddress");
    }

    @Test
    void refusesNicChangesWhileTheVmIsBusyOrPausedWith2052() {
        try (TestPlatform slow = new TestPlatform(s -> s.withPowerDelay(Duration.ofSeconds(2)))) {
            slow.createStopped("pool-prod", "vm-s");
            slow.client.startVm("vm-s");

            assertThat(slow.client.addVmNetwork("vm-s", VnicSpec.dhcp("vnet-dmz")).code()).isEqualTo("2052");

            slow.awaitStatus("vm-s", 1);
            slow.client.pauseVm("vm-s");
            slow.awaitStatus("vm-s", 4);
            assertThat(slow.client.addVmNetwork("vm-s", VnicSpec.dhcp("vnet-dmz")).code()).isEqualTo("2052");
            assertThat(slow.client.getVmVnics("vm-s").devices()).hasSize(1);
        }
    }

    /** {@code addVmNetwork} on vm-a with a valid fixed-address NIC changed by {@code change}. */
    private String add(Consumer<Map<String, Object>> change) {
        Map<String, Object> params = new LinkedHashMap<>(
                VnicSpec.fixed("vnet-office", "10.10.0.60", "255.255.255.0", "10.10.0.1").toParams());
        change.accept(params);
        return code(platform.client.call("addVmNetwork", "vm-a", params));
    }

    private List<VnicInfo> nics(String vmId) {
        DeviceList<VnicInfo> answer = platform.client.getVmVnics(vmId);
        assertThat(answer.ok()).isTrue();
        return answer.devices();
    }

    private static VnicInfo nic(List<VnicInfo> nics, String mac) {
        return nics.stream().filter(n -> n.macAddress().equals(mac)).findFirst()
                .orElseThrow(() -> new AssertionError("No NIC " + mac + " in " + nics));
    }

    private static String code(Object answer) {
        return String.valueOf(((Map<?, ?>) answer).get("result"));
    }
}
