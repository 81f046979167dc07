package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.NetworkInfo;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.TemplateInfo;
import io.vsip4x.sdk.model.VmSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog cut at a level, and the levels read from the platform's VM list. */
class CatalogClearanceTest {

    private static final Catalog CATALOG = new Catalog(
            List.of(TemplateInfo.from(Map.of("templateId", "tpl-open", "vm.classification", 0)),
                    TemplateInfo.from(Map.of("templateId", "tpl-secret", "vm.classification", 2))),
            List.of(PoolInfo.from(Map.of("repositoryId", "pool-open", "repository.classification", 0)),
                    PoolInfo.from(Map.of("repositoryId", "pool-one", "repository.classification", 1)),
                    PoolInfo.from(Map.of("repositoryId", "pool-secret", "repository.classification", "3"))),
            List.of(NetworkInfo.from(Map.of("virtualNetworkId", "net-a"))));

    @Test
    void templatesAndPoolsAboveTheLevelAreLeftOutAndNetworksStay() {
        Catalog zero = CATALOG.upTo(0);
        assertThat(zero.templates()).extracting(TemplateInfo::templateId).containsExactly("tpl-open");
        assertThat(zero.pools()).extracting(PoolInfo::repositoryId).containsExactly("pool-open");
        assertThat(zero.networks()).hasSize(1);
        assertThat(zero.template("tpl-secret")).isEmpty();

        assertThat(CATALOG.upTo(1).pools()).extracting(PoolInfo::repositoryId).containsExactly("pool-open", "pool-one");
        assertThat(CATALOG.upTo(3).templates()).hasSize(2);
        assertThat(CATALOG.upTo(3).pools()).hasSize(3);
    }

    @Test
    void vmLevelsAreReadFromTheVmListAndVmsWithoutOneAreLeftOut() {
        List<VmSummary> vms = List.of(
                VmSummary.from(Map.of("vmId", "vm-a", "vm.classification", 2)),
                VmSummary.from(Map.of("vmId", "vm-b", "vm.classification", "1")),
                VmSummary.from(Map.of("vmId", "vm-c")),
                VmSummary.from(Map.of("vmId", "vm-d", "vm.classification", "secret")));
        assertThat(ClassificationSync.levels(vms)).isEqualTo(Map.of("vm-a", 2, "vm-b", 1));
    }
}
