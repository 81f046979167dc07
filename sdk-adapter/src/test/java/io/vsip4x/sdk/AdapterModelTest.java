package io.vsip4x.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.callback.CallbackSignature;
import io.vsip4x.sdk.codes.ResultCodes;
import io.vsip4x.sdk.codes.VmStatus;
import io.vsip4x.sdk.model.CreateVmSpec;
import io.vsip4x.sdk.model.ModifyVmSpec;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.Remainder;
import io.vsip4x.sdk.model.VmNumAvailable;
import io.vsip4x.sdk.model.VmNumQuery;
import io.vsip4x.sdk.model.VmSummary;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapter's reading of the spec's loose maps, codes and callback signatures. */
class AdapterModelTest {

    @Test
    void keysWithStraySpacesAreTrimmedAtEveryDepth() {
        Map<String, Object> raw = SdkMaps.trimKeys(Map.of(" repositoryId ", "p1",
                "list", List.of(Map.of(" vnicBridge", "br0"))));
        assertThat(raw).containsEntry("repositoryId", "p1");
        assertThat(SdkMaps.maps(raw, "list").get(0)).containsEntry("vnicBridge", "br0");
    }

    @Test
    void aVmSummaryShowsItsFieldsButNotTheConsolePasswordOfItsRawEntry() {
        VmSummary vm = VmSummary.from(Map.of("vmId", "vm-1", "serverstatus", "1", "vncPassword", "Vnc-s3cret"));

        assertThat(vm.raw()).containsEntry("vncPassword", "Vnc-s3cret");
        assertThat(vm.toString()).contains("vm-1").contains("status=1").doesNotContain("Vnc-s3cret");
    }

    @Test
    void poolIdIsReadFromEverySpellingTheSpecUses() {
        for (String key : List.of("repositoryId ", "repository.id ", "repoId", "repold")) {
            assertThat(PoolInfo.from(SdkMaps.trimKeys(Map.of(key, "pool-9"))).repositoryId()).isEqualTo("pool-9");
        }
    }

    @Test
    void numbersAreReadFromStringsOrNumbers() {
        assertThat(SdkMaps.number(Map.of("a", "42"), -1, "a")).isEqualTo(42);
        assertThat(SdkMaps.number(Map.of("a", 42L), -1, "a")).isEqualTo(42);
        assertThat(SdkMaps.number(Map.of("a", "x"), -1, "a")).isEqualTo(-1);
    }

    @Test
    void onlyCodeZeroIsAnImmediateSuccess() {
        assertThat(SdkResult.of(Map.of("result", "0")).ok()).isTrue();
        assertThat(SdkResult.of(Map.of("result", "2010")).ok()).isFalse();
        assertThat(SdkResult.of(Map.of("data", List.of())).ok()).as("no result key (A17)").isTrue();
        assertThat(ResultCodes.isSuccess("2010")).isTrue();
        assertThat(ResultCodes.isSuccess("2101")).isFalse();
        assertThat(ResultCodes.isSuccess("123456")).as("unknown codes fail (A18)").isFalse();
        assertThat(ResultCodes.all()).hasSize(73);
        assertThat(ResultCodes.find("2100").orElseThrow().zh()).isEqualTo("申请单审批通过");
    }

    @Test
    void statusCodesFollowTheSpecWithoutTen() {
        assertThat(VmStatus.parse("1")).contains(VmStatus.RUNNING);
        assertThat(VmStatus.parse("10")).isEmpty();
        assertThat(VmStatus.parse("x")).isEmpty();
        assertThat(VmStatus.CREATING.transitional()).isTrue();
        assertThat(VmStatus.values()).hasSize(12);
    }

    @Test
    void createVmSendsSizesInBytesAndOneNicListPerVm() {
        CreateVmSpec spec = new CreateVmSpec("tpl", "pool", 2, 512L << 20, 1L << 30, "net", List.of("a", "b"));
        Map<String, Object> params = spec.toParams();
        assertThat(params).containsEntry("vmMemSize", "536870912").containsEntry("vmDiskSize", "1073741824")
                .containsEntry("vmTotalNum", "2").containsEntry("vmNetCardNum", "1")
                .containsEntry("repoName", "pool");
        assertThat((List<?>) params.get("vmNics")).hasSize(2);
        assertThat(spec.toRemainderParams("池")).containsEntry("repName", "池").containsEntry("totalVms", "2");
    }

    @Test
    void remainderIsSatisfiedOnlyWhenTheCallSucceedsWithRsOne() {
        assertThat(Remainder.from(SdkResult.of(Map.of("result", "0", "rs", "1", "availableNum", "3")))
                .satisfied()).isTrue();
        assertThat(Remainder.from(SdkResult.of(Map.of("result", "0", "rs", "0"))).satisfied()).isFalse();
        assertThat(Remainder.from(SdkResult.of(Map.of("result", "9004", "rs", "1"))).satisfied()).isFalse();
    }

    @Test
    void callbackSignatureVerifiesOnlyTheSameBodyTimeAndSecret() {
        CallbackSignature signer = new CallbackSignature("s3cret");
        byte[] body = "{\"eventId\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        String sig = signer.sign(now.toEpochMilli(), body);

        assertThat(signer.verify(String.valueOf(now.toEpochMilli()), sig, body, now)).isTrue();
        assertThat(signer.verify(String.valueOf(now.toEpochMilli()), sig, "{}".getBytes(), now)).isFalse();
        assertThat(signer.verify(String.valueOf(now.toEpochMilli() + 1), sig, body, now)).isFalse();
        assertThat(new CallbackSignature("other").verify(String.valueOf(now.toEpochMilli()), sig, body, now))
                .isFalse();
        assertThat(signer.verify(String.valueOf(now.toEpochMilli()), sig, body, now.plusSeconds(301))).isFalse();
        assertThat(signer.verify("not-a-number", sig, body, now)).isFalse();
        assertThat(signer.verify(String.valueOf(now.toEpochMilli()), "hmac-sha256=zz", body, now)).isFalse();
    }

    @Test
    void settingsNeverPrintThePassword() {
        Vsip4xSettings settings = new Vsip4xSettings("127.0.0.1", java.net.URI.create("http://127.0.0.1:1/x"),
                "acct", "p@ss-word", null, null, null, null);
        assertThat(settings.toString()).doesNotContain("p@ss-word");
    }

    @Test
    void modifyParamsCarryOnlyTheSizesThatChange() {
        Map<String, Object> params = new ModifyVmSpec("vm-1", 4, null, 60L << 30).toParams();

        assertThat(params).containsOnlyKeys("vmId", "vmCPUNum", "vmDiskSize")
                .containsEntry("vmCPUNum", "4").containsEntry("vmDiskSize", String.valueOf(60L << 30));
    }

    @Test
    void vmNumQuerySendsTrimmedKeys() {
        Map<String, Object> params = new VmNumQuery("pool-a", 2, 4L << 30, 0, List.of("tpl")).toParams();

        assertThat(params).containsOnlyKeys("repositoryId", "cpuNum", "memSize", "diskSize", "template");
    }

    @Test
    void vmNumAvailableTreatsResultOneAsFailure() {
        VmNumAvailable ok = VmNumAvailable.from(SdkResult.of(Map.of("result", "0", "data", 7)));
        VmNumAvailable failed = VmNumAvailable.from(SdkResult.of(Map.of("result", "1", "data", 7)));

        assertThat(ok.ok()).isTrue();
        assertThat(ok.count()).isEqualTo(7);
        assertThat(failed.ok()).isFalse();
        assertThat(failed.count()).isZero();
    }
}
