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
