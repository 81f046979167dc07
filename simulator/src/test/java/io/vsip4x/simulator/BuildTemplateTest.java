package io.vsip4x.simulator;

import static io.vsip4x.simulator.TestPlatform.GIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.BuildTemplateSpec;
import io.vsip4x.sdk.model.BuiltTemplate;
import io.vsip4x.sdk.model.CreateVmSpec;
import io.vsip4x.sdk.model.TemplateInfo;
import io.vsip4x.sdk.model.TemplateSync;
import io.vsip4x.sdk.model.VmSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** buildTemplate over HTTP: a stopped VM becomes a template that createVm can use (catalog A22). */
class BuildTemplateTest {

    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = new TestPlatform();
        platform.createStopped("pool-test", "vm-t");
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void makesATemplateOfAStoppedVmListedInItsPool() {
        platform.client.setVmAttributes(List.of("vm-t"), "vm.classification", 1);

        BuiltTemplate built = platform.client.buildTemplate("vm-t", BuildTemplateSpec.plain());

        assertThat(built.ok()).isTrue();
        assertThat(built.templateId()).isEqualTo("tpl-vm-t");
        TemplateInfo template = platform.client.searchTemplateList(Map.of("templateId", "tpl-vm-t")).get(0);
        assertThat(template.osType()).isEqualTo("CentOS 7");
        assertThat(template.cpu()).isEqualTo(2);
        assertThat(template.memoryBytes()).isEqualTo(4 * GIB);
        assertThat(template.diskBytes()).isEqualTo(40 * GIB);
        assertThat(template.classification()).isEqualTo(1);
        assertThat(template.raw()).containsEntry("vmEncrypt", "false").containsEntry("chksum", "false");
        assertThat(platform.client.searchTemplateList(Map.of("repoName", "pool-test")))
                .extracting(TemplateInfo::templateId).contains("tpl-centos7", "tpl-vm-t");
        assertThat(platform.client.searchTemplateList(Map.of("repoName", "pool-prod")))
                .extracting(TemplateInfo::templateId).doesNotContain("tpl-vm-t");
        TemplateSync sync = platform.client.syncVmTemplate("tpl-vm-t");
        assertThat(sync.exists()).isTrue();
        assertThat(sync.diskBytes()).isEqualTo(40 * GIB);
    }

    @Test
    void createsVmsFromTheNewTemplateInItsPoolOnly() {
        platform.client.buildTemplate("vm-t", BuildTemplateSpec.plain());
        CreateVmSpec fromTemplate = new CreateVmSpec("tpl-vm-t", "pool-test", 2, 4 * GIB, 40 * GIB,
                "vnet-office", List.of("vm-copy"));
        CreateVmSpec elsewhere = new CreateVmSpec("tpl-vm-t", "pool-prod", 2, 4 * GIB, 40 * GIB,
                "vnet-office", List.of("vm-far"));

        assertThat(platform.client.createVm(fromTemplate).ok()).isTrue();
        assertThat(platform.client.createVm(elsewhere).code()).isEqualTo("2006");

        platform.awaitStatus("vm-copy", 0);
        VmSummary copy = platform.client.searchVmList(Map.of("vmId", "vm-copy")).get(0);
        assertThat(copy.raw()).containsEntry("vmOSType", "CentOS 7");
    }

    @Test
    void recordsEncryptionAndChecksumAndNumbersASecondTemplateOfTheSameVm() {
        platform.client.buildTemplate("vm-t", BuildTemplateSpec.plain());

        BuiltTemplate second = platform.client.buildTemplate("vm-t", new BuildTemplateSpec("sm4", true));

        assertThat(second.templateId()).isEqualTo("tpl-vm-t-2");
        assertThat(platform.client.searchTemplateList(Map.of("templateId", "tpl-vm-t-2")).get(0).raw())
                .containsEntry("vmEncrypt", "true").containsEntry("encrypt_fmt", "sm4")
                .containsEntry("chksum", "true");
    }

    @Test
    void refusesARunningVmWith2049AndABusyOneWith2052() {
        platform.client.startVm("vm-t");
        // startVm is in flight: the VM is still stopped but busy.
        assertThat(platform.client.buildTemplate("vm-t", BuildTemplateSpec.plain()).result().code())
                .isEqualTo("2052");
        platform.awaitStatus("vm-t", 1);

        BuiltTemplate refused = platform.client.buildTemplate("vm-t", BuildTemplateSpec.plain());

        assertThat(refused.result().code()).isEqualTo("2049");
        assertThat(refused.templateId()).isNull();
        assertThat(platform.client.searchTemplateList(Map.of())).hasSize(3);
    }

    @Test
    void refusesUnknownVmsWith2004AndBadOptionsWith2003() {
        assertThat(platform.client.buildTemplate("vm-none", BuildTemplateSpec.plain()).result().code())
                .isEqualTo("2004");
        assertThat(platform.client.buildTemplate("vm-t", new BuildTemplateSpec("des", false)).result().code())
                .isEqualTo("2003");
        Object noChecksumFlag = platform.client.call("buildTemplate", "vm-t", Map.of("chksum", "yes"));
        assertThat(noChecksumFlag).isEqualTo(Map.of("result", "2003", "resultinfo", "虚拟机参数错误"));
        assertThat(platform.client.searchTemplateList(Map.of())).hasSize(3);
    }

    @Test
    void failsWith2005WhenMadeToFail() {
        platform.simulator.setOperationFailing("buildTemplate", true);

        assertThat(platform.client.buildTemplate("vm-t", BuildTemplateSpec.plain()).result().code())
                .isEqualTo("2005");
        assertThat(platform.client.syncVmTemplate("tpl-vm-t").exists()).isFalse();
    }
}
