package io.vsip4x.sdk.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.Vsip4xSettings;
import io.vsip4x.sdk.Vsip4xUnreachableException;
import io.vsip4x.sdk.model.CreateVmSpec;
import io.vsip4x.sdk.model.Monitoring;
import io.vsip4x.sdk.model.VmSummary;
import io.vsip4x.sdk.vendor.StandInSdk.Spellings;
import java.io.IOException;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client over the vendor's SDK class, against a stand-in compiled at test time. */
class ReflectiveVsip4xClientTest {

    private static final String PASSWORD = "hunter2";

    @TempDir
    Path dir;

    private URLClassLoader loader;

    @AfterEach
    void closeLoader() throws IOException {
        if (loader != null) {
            loader.close();
        }
    }

    private ReflectiveVsip4xClient client(Spellings spellings, String privateKey) {
        loader = StandInSdk.load(dir, spellings);
        Vsip4xSettings settings = new Vsip4xSettings("10.1.2.3", URI.create("http://127.0.0.1:10000/restService"),
                "portal", PASSWORD, privateKey, URI.create("http://127.0.0.1:8080/callback"), null, null);
        return new ReflectiveVsip4xClient(settings, loader);
    }

    private List<String> calls() {
        return StandInSdk.recorded(loader, "CALLS");
    }

    @Test
    void appliesTheSettingsThroughTheMethodTableSetters() {
        client(Spellings.TABLE, "-----KEY-----");

        Map<String, String> settings = StandInSdk.recorded(loader, "SETTINGS");
        assertThat(settings).containsExactly(Map.entry("setIpAddress", "10.1.2.3"),
                Map.entry("setConnectUrl", "http://127.0.0.1:10000/restService"),
                Map.entry("setAccountName", "portal"), Map.entry("setAccountPassword", PASSWORD),
                Map.entry("setPrivateKey", "-----KEY-----"));
    }

    @Test
    void appliesTheSettingsThroughTheOtherSpellingsWhenOnlyThoseExist() {
        client(Spellings.OTHER, "-----KEY-----");

        Map<String, String> settings = StandInSdk.recorded(loader, "SETTINGS");
        assertThat(settings).containsExactly(Map.entry("setIpAddress", "10.1.2.3"),
                Map.entry("setPath", "http://127.0.0.1:10000/restService"), Map.entry("setAccount", "portal"),
                Map.entry("setPassword", PASSWORD), Map.entry("setPrivatekey", "-----KEY-----"));
    }

    @Test
    void leavesTheOptionalPrivateKeyUnsetWhenThereIsNone() {
        client(Spellings.TABLE, null);

        Map<String, String> settings = StandInSdk.recorded(loader, "SETTINGS");
        assertThat(settings).containsKey("setAccountPassword").doesNotContainKey("setPrivateKey");
    }

    @Test
    void readsAListAnswerWithSpacedKeys() {
        ReflectiveVsip4xClient client = client(Spellings.TABLE, null);

        List<VmSummary> vms = client.searchVmList(Map.of("repoName", "pool-test"));

        assertThat(vms).singleElement().satisfies(vm -> {
            assertThat(vm.vmId()).isEqualTo("vm-1");
            assertThat(vm.status()).isEqualTo(1);
            assertThat(vm.repoName()).isEqualTo("pool-test");
        });
        assertThat(calls()).containsExactly("searchVmList(TreeMap:{repoName=pool-test})");
    }

    @Test
    void readsAResultMapWithItsCodeAndText() {
        ReflectiveVsip4xClient client = client(Spellings.TABLE, null);

        SdkResult result = client.createVm(new CreateVmSpec("tpl-1", "pool-test", 2, 2L << 30, 40L << 30, null,
                List.of("vm-7")));

        assertThat(result.ok()).isFalse();
        assertThat(result.code()).isEqualTo("2003");
        assertThat(result.info()).isEqualTo("bad params");
        assertThat(calls()).containsExactly("createVm(ArrayList:[vm-7])");
    }

    @Test
    void convertsBooleansListsAndNumbersToTheVendorsParameterTypes() {
        ReflectiveVsip4xClient client = client(Spellings.TABLE, null);

        assertThat(client.deleteVm("vm-1", true).ok()).isTrue();
        assertThat(client.deleteVmBatch(List.of("vm-1", "vm-2"), false).ok()).isTrue();
        assertThat(client.extendDataDisk("disk-1", 1L << 30).ok()).isTrue();
        Monitoring monitoring = client.getHostMonitorInfo(List.of("host-01"));

        assertThat(calls()).containsExactly("deleteVm(String:vm-1, Boolean:true)",
                "deleteVmBatch(ArrayList:[vm-1, vm-2], Boolean:false)",
                "extendDataDisk(String:disk-1, Long:1073741824)",
                "getHostMonitorInfo(ArrayList:[host-01])");
        assertThat(monitoring.samples()).containsOnlyKeys("host-01");
        assertThat(monitoring.samples().get("host-01").resourceName()).isEqualTo("name-host-01");
        assertThat(monitoring.samples().get("host-01").memTotalBytes()).isEqualTo(8L << 30);
    }

    @Test
    void parsesAJsonTextAnswer() {
        ReflectiveVsip4xClient client = client(Spellings.TABLE, null);

        assertThat(client.checkDataDiskSpace()).isEqualTo(1L << 40);
    }

    @Test
    void findsGetRemoteControllInfoWhenTheClassHasOnlyThatSpelling() {
        ReflectiveVsip4xClient client = client(Spellings.OTHER, null);

        Object answer = client.call("getRemoteControlInfo", "vm-1");

        assertThat(answer).isEqualTo(Map.of("hostId", "host-01", "port", "5901", "vmId", "vm-1"));
        assertThat(calls()).containsExactly("getRemoteControllInfo(String:vm-1)");
    }

    @Test
    void turnsAConnectionFailureInsideTheVendorMethodIntoUnreachable() {
        ReflectiveVsip4xClient client = client(Spellings.TABLE, null);

        assertThatThrownBy(() -> client.startVm("vm-unreachable"))
                .isInstanceOfSatisfying(Vsip4xUnreachableException.class, e -> {
                    assertThat(e.method()).isEqualTo("startVm");
                    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
                    assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain("10.0.0.1");
                });
    }

    @Test
    void turnsAnyOtherVendorExceptionIntoAProtocolErrorWithoutItsSecrets() {
        ReflectiveVsip4xClient client = client(Spellings.TABLE, null);

        assertThatThrownBy(() -> client.startVm("vm-broken"))
                .isInstanceOfSatisfying(Vsip4xProtocolException.class, e -> {
                    assertThat(e.method()).isEqualTo("startVm");
                    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
                    assertThat(e.getMessage()).contains("IllegalArgumentException").doesNotContain(PASSWORD);
                });
    }

    @Test
    void refusesAMethodTheClassDoesNotHave() {
        ReflectiveVsip4xClient client = client(Spellings.TABLE, null);

        // migrateVm is in the spec but not in this stand-in; startVm has one parameter, not two.
        assertThatThrownBy(() -> client.call("migrateVm", "vm-1", "host-01"))
                .isInstanceOfSatisfying(Vsip4xProtocolException.class,
                        e -> assertThat(e.method()).isEqualTo("migrateVm"))
                .hasMessageContaining("no method migrateVm");
        assertThatThrownBy(() -> client.call("startVm", "vm-1", "extra"))
                .isInstanceOf(Vsip4xProtocolException.class);
        assertThat(calls()).isEmpty();
    }

    @Test
    void refusesAnArgumentItCannotConvert() {
        ReflectiveVsip4xClient client = client(Spellings.TABLE, null);

        // The stand-in's extendDataDisk takes a long; a text that is no number cannot be given.
        assertThatThrownBy(() -> client.call("extendDataDisk", "disk-1", "lots"))
                .isInstanceOf(Vsip4xProtocolException.class)
                .hasMessageContaining("argument 2 of extendDataDisk");
        assertThat(calls()).isEmpty();
    }

    @Test
    void saysClearlyWhenTheClassIsNotOnTheClassPath() throws IOException {
        try (URLClassLoader empty = StandInSdk.empty(dir)) {
            Vsip4xSettings settings = new Vsip4xSettings(null, URI.create("http://127.0.0.1:10000/"), "portal",
                    PASSWORD, null, null, null, null);

            assertThat(ReflectiveVsip4xClient.isAvailable(empty)).isFalse();
            assertThatThrownBy(() -> new ReflectiveVsip4xClient(settings, empty))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("com.wisersoft.sdk.WSSdkImpl is not on the class path")
                    .hasMessageNotContaining(PASSWORD);
        }
    }
}
