package io.vsip4x.portal.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.web.FieldProblems;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NIC address rules: each broken rule is a message on its own field. */
class NicAddressesTest {

    @Test
    void acceptsAFixedAddressInItsSubnet() {
        assertThat(problems("10.10.0.20", "255.255.255.0", "10.10.0.1", List.of("10.10.0.53"))).isEmpty();
        assertThat(problems("172.16.10.9", "255.255.255.252", null, List.of())).isEmpty();
    }

    @Test
    void namesTheFieldOfEachBrokenRule() {
        assertThat(problems(null, null, null, List.of())).containsExactly("ipAddress", "subnetMask");
        assertThat(problems("10.10.0.256", "255.255.255.0", null, List.of())).containsExactly("ipAddress");
        assertThat(problems("10.10.0.050", "255.255.255.0", null, List.of())).containsExactly("ipAddress");
        assertThat(problems("10.10.0.20", "255.255.0.255", null, List.of())).containsExactly("subnetMask");
        assertThat(problems("10.10.0.20", "255.255.255.255", null, List.of())).containsExactly("subnetMask");
        assertThat(problems("10.10.0.0", "255.255.255.0", null, List.of())).containsExactly("ipAddress");
        assertThat(problems("10.10.0.20", "255.255.255.0", "10.10.1.1", List.of())).containsExactly("gateway");
        assertThat(problems("10.10.0.20", "255.255.255.0", "10.10.0.20", List.of())).containsExactly("gateway");
        assertThat(problems("10.10.0.20", "255.255.255.0", "gw", List.of())).containsExactly("gateway");
        assertThat(problems("10.10.0.20", "255.255.255.0", null, List.of("8.8.8.8", "dns"))).containsExactly(
                "dnsServers");
        assertThat(problems("10.10.0.20", "255.255.255.0", null,
                List.of("1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.4", "1.1.1.5"))).containsExactly("dnsServers");
    }

    @Test
    void refusesSpecialAddressesAndAGatewayThatIsTheSubnetsNetworkOrBroadcastAddress() {
        for (String ip : List.of("127.0.0.5", "0.1.2.3", "224.0.0.9", "239.1.1.1", "250.0.0.1")) {
            assertThat(problems(ip, "255.255.255.0", null, List.of())).as(ip).containsExactly("ipAddress");
            assertThat(problems("10.10.0.20", "255.255.255.0", ip, List.of())).as(ip).containsExactly("gateway");
        }
        assertThat(problems("10.10.0.20", "255.255.255.0", "10.10.0.0", List.of())).containsExactly("gateway");
        assertThat(problems("10.10.0.20", "255.255.255.0", "10.10.0.255", List.of())).containsExactly("gateway");
    }

    @Test
    void checksAnAddressAgainstWhatIsKnownOfItsNetwork() {
        NicNetworks.Facts office = new NicNetworks.Facts("10.10.0.0", "255.255.255.0", "10.10.0.1",
                List.of("10.10.0.2"), java.util.Map.of("10.10.0.30", "vm-other", "10.10.0.40", "vm-me"));
        assertThat(office.cidr()).isEqualTo("10.10.0.0/24");
        assertThat(office.broadcast()).isEqualTo("10.10.0.255");
        assertThat(network(office, "10.10.0.50", null)).isEmpty();
        assertThat(network(office, "10.10.0.40", null)).as("its own address").isEmpty();
        assertThat(network(office, "10.10.0.1", null)).containsExactly("vm.nic.field.ipAddress.networkReserved");
        assertThat(network(office, "10.10.0.2", null)).containsExactly("vm.nic.field.ipAddress.networkReserved");
        assertThat(network(office, "10.10.1.5", null)).containsExactly("vm.nic.field.ipAddress.outsideNetwork");
        assertThat(network(office, "10.10.0.30", null)).containsExactly("vm.nic.field.ipAddress.inUse");
        assertThat(network(office, "10.10.0.50", "10.10.0.255")).containsExactly("vm.nic.field.gateway.reserved");
        assertThat(network(null, "10.10.1.5", null)).as("nothing known").isEmpty();
    }

    private static List<String> network(NicNetworks.Facts facts, String ip, String gateway) {
        FieldProblems.Collector collector = new FieldProblems.Collector();
        NicAddresses.checkNetwork(collector, facts, "vm-me", ip, gateway);
        try {
            collector.throwIfAny();
            return List.of();
        } catch (FieldProblems e) {
            return e.problems().stream().map(FieldProblems.Problem::messageKey).toList();
        }
    }

    @Test
    void splitsDnsServersAtCommasSemicolonsAndSpaces() {
        assertThat(NicAddresses.dnsList(" 10.0.0.1, 10.0.0.2;10.0.0.3  10.0.0.4 ")).containsExactly("10.0.0.1",
                "10.0.0.2", "10.0.0.3", "10.0.0.4");
        assertThat(NicAddresses.dnsList("  ")).isEmpty();
    }

    private static List<String> problems(String ip, String mask, String gateway, List<String> dns) {
        FieldProblems.Collector collector = new FieldProblems.Collector();
        NicAddresses.checkFixed(collector, ip, mask, gateway, dns);
        try {
            collector.throwIfAny();
            return List.of();
        } catch (FieldProblems e) {
            return e.problems().stream().map(FieldProblems.Problem::field).toList();
        }
    }
}
