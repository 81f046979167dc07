package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.SdkResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** createVm and the power methods refuse what the spec forbids, each with its result code. */
class CreateVmValidationTest {

    private static final long GIB = TestPlatform.GIB;
    private static TestPlatform platform;
    private static int counter;

    @BeforeAll
    static void start() {
        platform = new TestPlatform();
        platform.createStopped("pool-prod", "vm-existing");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static Stream<Arguments> invalidParameters() {
        return Stream.of(
                invalid("no vCPU", p -> p.put("vmCPUNum", "0")),
                invalid("17 vCPUs", p -> p.put("vmCPUNum", "17")),
                invalid("vCPUs not a number", p -> p.put("vmCPUNum", "two")),
                invalid("memory not a multiple of 512 MiB", p -> p.put("vmMemSize", String.valueOf(GIB + 1))),
                invalid("memory above 32 GiB", p -> p.put("vmMemSize", String.valueOf(33 * GIB))),
                invalid("disk not a multiple of 1 GiB", p -> p.put("vmDiskSize", String.valueOf(GIB / 2))),
                invalid("disk above 2 TiB", p -> p.put("vmDiskSize", String.valueOf(2049 * GIB))),
                invalid("missing disk", p -> p.remove("vmDiskSize")),
                invalid("no vmIDs", p -> p.put("vmIDs", List.of())),
                invalid("vmTotalNum not the id count", p -> p.put("vmTotalNum", "2")),
                invalid("missing template", p -> p.remove("vmTemplate")),
                invalid("NIC without bridge", p -> p.put("vmNics", nics(Map.of("IPAddress", "10.10.0.99")))),
                invalid("NIC on an unknown network", p -> p.put("vmNics", nics(Map.of("vnicBridge", "x")))),
                invalid("malformed MAC", p -> p.put("vmNics", nics(Map.of("vnicBridge", "vnet-dmz",
                        "macAddress", "?")))),
                invalid("NIC count not vmNetCardNum", p -> p.put("vmNetCardNum", "2")),
                invalid("address not IPv4", p -> p.put("vmNics", nics(Map.of("vnicBridge", "vnet-office",
                        "IPAddress", "999.999.999.999")))),
                invalid("address outside the network", p -> p.put("vmNics", nics(Map.of("vnicBridge", "vnet-office",
                        "IPAddress", "8.8.8.8")))),
                invalid("the network's broadcast address", p -> p.put("vmNics", nics(Map.of(
                        "vnicBridge", "vnet-office", "IPAddress", "10.10.0.255")))),
                invalid("an address with a leading zero", p -> p.put("vmNics", nics(Map.of(
                        "vnicBridge", "vnet-office", "IPAddress", "10.10.0.050")))),
                invalid("a mask other than the network's", p -> p.put("vmNics", nics(Map.of(
                        "vnicBridge", "vnet-office", "IPAddress", "10.10.0.60", "subnetMask", "255.255.0.0")))),
                invalid("a gateway that is not an address", p -> p.put("vmNics", nics(Map.of(
                        "vnicBridge", "vnet-office", "Gateways", "zzz")))),
                invalid("a DNS server that is not an address", p -> p.put("vmNics", nics(Map.of(
                        "vnicBridge", "vnet-office", "dnsAddress", "<script>")))),
                invalid("a broadcast MAC", p -> p.put("vmNics", nics(Map.of("vnicBridge", "vnet-office",
                        "macAddress", "ff:ff:ff:ff:ff:ff")))),
                invalid("two spellings of the pool that differ", p -> p.put("repName", "pool-test")),
                invalid("vCPUs in full-width digits", p -> p.put("vmCPUNum", "２")),
                invalid("an id with a line break", p -> p.put("vmIDs", List.of("vm-a\nforged"))),
                invalid("an id of 65 characters", p -> p.put("vmIDs", List.of("v".repeat(65)))),
                invalid("encryption without format", p -> p.put("vmEncrypt", "true")));
    }

    private static List<List<Map<String, String>>> nics(Map<String, String> nic) {
        return List.of(List.of(nic));
    }

    private static Arguments invalid(String name, Consumer<Map<String, Object>> change) {
        return Arguments.of(name, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidParameters")
    void refusesInvalidParametersWith2003(String name, Consumer<Map<String, Object>> change) {
        Map<String, Object> params = valid(nextId());
        change.accept(params);

        SdkResult result = create(params);

        assertThat(result.code()).isEqualTo("2003");
        assertThat(result.info()).isEqualTo("虚拟机参数错误");
    }

    @Test
    void acceptsBothSpellingsOfThePoolWhenTheyAgree() {
        Map<String, Object> params = valid(nextId());
        params.put("repName", "pool-prod");

        assertThat(create(params).code()).isEqualTo("0");
    }

    @Test
    void acceptsTheValidBaseParameters() {
        assertThat(create(valid(nextId())).code()).isEqualTo("0");
    }

    @Test
    void acceptsAStatelessVmWithoutDiskOrNics() {
        Map<String, Object> params = valid(nextId());
        params.put("stateless", "true");
        params.remove("vmDiskSize");
        params.remove("vmNetCardNum");
        params.remove("vmNics");

        assertThat(create(params).code()).isEqualTo("0");
    }

    @Test
    void refusesAnAddressOrMacHeldByAnotherVmWith2003() {
        Map<String, Object> first = valid(nextId());
        first.put("vmNics", nics(Map.of("vnicBridge", "vnet-office", "IPAddress", "10.10.0.77",
                "macAddress", "52:54:00:12:34:77")));
        assertThat(create(first).code()).isEqualTo("0");

        Map<String, Object> sameIp = valid(nextId());
        sameIp.put("vmNics", nics(Map.of("vnicBridge", "vnet-office", "IPAddress", "10.10.0.77")));
        Map<String, Object> sameMac = valid(nextId());
        sameMac.put("vmNics", nics(Map.of("vnicBridge", "vnet-office", "macAddress", "52:54:00:12:34:77")));

        assertThat(create(sameIp).code()).isEqualTo("2003");
        assertThat(create(sameMac).code()).isEqualTo("2003");
    }

    @Test
    void refusesAnIdThatExistsWith2001() {
        assertThat(create(valid("vm-existing")).code()).isEqualTo("2001");
    }

    @Test
    void refusesAnIdGivenTwiceWith2001() {
        Map<String, Object> params = valid(nextId());
        String id = nextId();
        params.put("vmIDs", List.of(id, id));
        params.put("vmTotalNum", "2");
        List<Map<String, Object>> nic = List.of(Map.of("vnicBridge", "vnet-dmz"));
        params.put("vmNics", List.of(nic, nic));

        assertThat(create(params).code()).isEqualTo("2001");
    }

    @Test
    void refusesAnUnknownTemplateWith2006() {
        Map<String, Object> params = valid(nextId());
        params.put("vmTemplate", "tpl-nothing");

        assertThat(create(params).code()).isEqualTo("2006");
    }

    @Test
    void refusesAnUnknownPoolWith4020() {
        Map<String, Object> params = valid(nextId());
        params.put("repoName", "pool-nothing");

        assertThat(create(params).code()).isEqualTo("4020");
    }

    @Test
    void refusesAHostOfAnotherPoolWith2046() {
        Map<String, Object> params = valid(nextId());
        params.put("hostId", "host-03");

        assertThat(create(params).code()).isEqualTo("2046");
    }

    @Test
    void refusesMoreThanThePoolHoldsWith2002() {
        // pool-test holds 2 hosts x 16 vCPU x 32 GiB: two 16 vCPU / 32 GiB VMs at most.
        Map<String, Object> params = valid(nextId());
        List<String> ids = List.of(nextId(), nextId(), nextId());
        params.put("repoName", "pool-test");
        params.put("vmCPUNum", "16");
        params.put("vmMemSize", String.valueOf(32 * GIB));
        params.put("vmIDs", ids);
        params.put("vmTotalNum", "3");
        params.put("vmNetCardNum", "0");
        params.remove("vmNics");

        assertThat(create(params).code()).isEqualTo("2002");
        assertThat(platform.simulator.vms()).noneMatch(vm -> ids.contains(vm.vmId()));
    }

    @Test
    void refusesPowerOperationsInTheWrongStateOrOnMissingVms() {
        assertThat(platform.client.shutdownVm("vm-existing").code()).isEqualTo("2050");
        assertThat(platform.client.rebootVm("vm-existing").code()).isEqualTo("2050");
        assertThat(platform.client.startVm("vm-missing").code()).isEqualTo("2004");
        assertThat(platform.client.resynVm("vm-missing").code()).isEqualTo("2004");

        platform.client.startVm("vm-existing");
        platform.awaitStatus("vm-existing", 1);
        assertThat(platform.client.startVm("vm-existing").code()).isEqualTo("2049");
        platform.client.shutdownVm("vm-existing");
        platform.awaitStatus("vm-existing", 0);
    }

    private static Map<String, Object> valid(String id) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("vmTemplate", "tpl-centos7");
        p.put("vmCPUNum", "1");
        p.put("vmMemSize", String.valueOf(GIB));
        p.put("vmDiskSize", String.valueOf(20 * GIB));
        p.put("repoName", "pool-prod");
        p.put("vmTotalNum", "1");
        p.put("vmNetCardNum", "1");
        p.put("vmIDs", new ArrayList<>(List.of(id)));
        p.put("vmNics", List.of(List.of(Map.of("vnicBridge", "vnet-office"))));
        return p;
    }

    private static synchronized String nextId() {
        return "vm-v" + ++counter;
    }

    @SuppressWarnings("unchecked")
    private static SdkResult create(Map<String, Object> params) {
        return SdkResult.of((Map<String, Object>) platform.client.call("createVm", params));
    }
}
