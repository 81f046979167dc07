package io.vsip4x.portal.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.portal.platform.Catalog;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.sdk.model.NetworkInfo;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.TemplateInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tenant form's rules, field by field. */
class TenantValidatorTest {

    private static final Catalog CATALOG = new Catalog(
            List.of(new TemplateInfo("tpl-open", "Linux", "Linux", "64", 2, 1L << 32, 40L << 30, 0, Map.of()),
                    new TemplateInfo("tpl-secret", "Linux", "Linux", "64", 2, 1L << 32, 40L << 30, 2, Map.of())),
            List.of(new PoolInfo("pool-a", "A", "", "ha", 1L << 40, 1L << 40, true, 0, Map.of()),
                    new PoolInfo("pool-top", "Top", "", "ha", 1L << 40, 1L << 40, true, 4, Map.of())),
            List.of(new NetworkInfo("vnet-a", "A")));

    @Test
    void readsAValidFormWithEmptyCapsAsNone() {
        TenantValidator.Valid valid = TenantValidator.validate(form("ops-2", "0", "8", "", "2",
                List.of("tpl-open", "tpl-secret"), List.of("pool-a")), () -> CATALOG);

        assertThat(valid.settings().code()).isEqualTo("ops-2");
        assertThat(valid.settings().quota()).isEqualTo(new Quota(8, 16384, 500, 100, 5, 3, 2));
        assertThat(valid.settings().vmCap()).isEqualTo(new Tenant.VmCap(4, null, 200L));
        assertThat(valid.settings().ceiling()).isEqualTo(2);
        assertThat(valid.settings().leaseMaxDays()).isNull();
        assertThat(valid.grants().templates()).containsExactlyInAnyOrder("tpl-open", "tpl-secret");
        assertThat(valid.version()).isZero();
    }

    @Test
    void refusesResourcesAboveTheCeilingAndUnknownOnes() {
        // tpl-secret is level 2 and pool-top level 4: a tenant with ceiling 1 may have neither.
        assertThat(problems(form("ops", "0", "8", "", "1", List.of("tpl-secret"), List.of("pool-top"))))
                .containsEntry("templates", "tenant.error.aboveCeiling")
                .containsEntry("pools", "tenant.error.aboveCeiling");
        assertThat(problems(form("ops", "0", "8", "", "1", List.of("tpl-nope"), List.of("pool-x"))))
                .containsEntry("templates", "tenant.error.unknownResource")
                .containsEntry("pools", "tenant.error.unknownResource");
    }

    @Test
    void namesEveryBadFieldWithItsOwnMessage() {
        Map<String, String> problems = problems(new TenantForm("A B", " ", "-1", "lots", "1.5", "0", "0", "0",
                "99999999999", "0", "x", "", "7", "0", List.of(), List.of(), List.of(), "v"));

        assertThat(problems).containsEntry("code", "tenant.error.code")
                .containsEntry("name", "tenant.error.nameRequired")
                .containsEntry("cpu", "tenant.error.amount")
                .containsEntry("memoryMb", "tenant.error.amount")
                .containsEntry("diskGb", "tenant.error.amount")
                .containsEntry("backups", "tenant.error.amount")
                .containsEntry("vmMaxCpu", "tenant.error.cap")
                .containsEntry("vmMaxMemoryMb", "tenant.error.cap")
                .containsEntry("ceiling", "tenant.error.ceiling")
                .containsEntry("leaseMaxDays", "tenant.error.leaseMaxDays")
                .containsEntry("version", "error.field.invalid")
                .doesNotContainKeys("vms", "snapshots", "vmMaxDiskGb");
    }

    private static TenantForm form(String code, String version, String cpu, String leaseMaxDays, String ceiling,
            List<String> templates, List<String> pools) {
        return new TenantForm(code, "运维部", cpu, "16384", "500", "100", "5", "3", "2", "4", "", "200", ceiling,
                leaseMaxDays, templates, pools, List.of("vnet-a"), version);
    }

    private static Map<String, String> problems(TenantForm form) {
        Map<String, String> found = new java.util.LinkedHashMap<>();
        assertThatThrownBy(() -> TenantValidator.validate(form, () -> CATALOG)).isInstanceOfSatisfying(
                FieldProblems.class, e -> e.problems().forEach(p -> found.putIfAbsent(p.field(), p.messageKey())));
        return found;
    }
}
