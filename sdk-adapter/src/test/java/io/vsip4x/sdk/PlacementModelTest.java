package io.vsip4x.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.BuildTemplateSpec;
import io.vsip4x.sdk.model.BuiltTemplate;
import io.vsip4x.sdk.model.InstallVmSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapter's writing of the installVm and buildTemplate maps and its reading of buildTemplate's answer. */
class PlacementModelTest {

    private static final long GIB = 1L << 30;

    @Test
    void nestsInstallParametersUnderBuildParamsInTheRecommendedSpellings() {
        InstallVmSpec spec = new InstallVmSpec("vm-1", "pool-a", "iso-1", 2, 4 * GIB, 8 * GIB, "CentOS 7", "64",
                "Secret#1", true, List.of(new InstallVmSpec.Disk("vda", 20 * GIB)),
                List.of(new InstallVmSpec.Nic("vnet-a", "10.0.0.5", null)), "sm4");

        Map<String, Object> params = spec.toParams();

        // Catalog A09: one key; A06: repoId, not the printed repold; A08: osType for the empty key.
        assertThat(params).containsOnlyKeys("buildParams");
        @SuppressWarnings("unchecked")
        Map<String, Object> build = (Map<String, Object>) params.get("buildParams");
        assertThat(build).containsEntry("vmId", "vm-1").containsEntry("repoId", "pool-a")
                .containsEntry("cpuNum", "2").containsEntry("memMin", String.valueOf(4 * GIB))
                .containsEntry("memMax", String.valueOf(8 * GIB)).containsEntry("osType", "CentOS 7")
                .containsEntry("installSrc", "iso-1").containsEntry("vmUefi", "true")
                .containsEntry("vmEncrypt", "true").containsEntry("encrypt_fmt", "sm4")
                .containsEntry("vncPwd", "Secret#1").doesNotContainKeys("repold", "");
        assertThat(build.get("vdisks")).isEqualTo(List.of(Map.of("vdiskName", "vda", "vdiskSize",
                String.valueOf(20 * GIB))));
        assertThat(build.get("vnics")).isEqualTo(List.of(Map.of("vnicBridge", "vnet-a", "IPAddress", "10.0.0.5")));
    }

    @Test
    void keepsTheConsolePasswordOutOfToString() {
        InstallVmSpec spec = new InstallVmSpec("vm-1", "pool-a", "iso-1", 2, 4 * GIB, null, null, null,
                "Secret#1", false, List.of(new InstallVmSpec.Disk("vda", 20 * GIB)), List.of(), null);

        assertThat(spec.toString()).doesNotContain("Secret#1").contains("vm-1");
        assertThat(InstallVmSpec.of("vm-2", "p", "i", 1, GIB, GIB, null).toParams().get("buildParams"))
                .asString().doesNotContain("vncPwd");
    }

    @Test
    void writesBuildOptionsAsStringsAndReadsTheNewTemplateId() {
        assertThat(BuildTemplateSpec.plain().toParams())
                .containsExactly(Map.entry("vmEncrypt", "false"), Map.entry("chksum", "false"));
        assertThat(new BuildTemplateSpec("aes", true).toParams()).containsEntry("encrypt_fmt", "aes")
                .containsEntry("vmEncrypt", "true").containsEntry("chksum", "true");

        BuiltTemplate built = BuiltTemplate.from(SdkResult.of(Map.of("result", "0", " templateId ", "tpl-1")));
        BuiltTemplate refused = BuiltTemplate.from(SdkResult.of(Map.of("result", "2049", "resultinfo", "x")));

        assertThat(built.ok()).isTrue();
        assertThat(built.templateId()).isEqualTo("tpl-1");
        assertThat(refused.ok()).isFalse();
        assertThat(refused.templateId()).isNull();
        assertThat(refused.result().code()).isEqualTo("2049");
    }
}
