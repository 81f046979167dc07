package io.vsip4x.portal.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The approval chain page: tenant admins configure their own tenant, checked and audited. */
class ChainPageIntegrationTest extends PortalTestSupport {

    @Autowired
    ApprovalChains chains;

    @Test
    void tenantAdminSetsLevelsAndRulesOfOwnTenantOnlyAndBadInputChangesNothing() {
        TestTenant t = newTenant();
        TestTenant other = newTenant();
        String admin = t.code() + "-admin";
        users.create(admin, PASSWORD, "管理员", t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        PageClient page = new PageClient(port, "en");
        page.signIn(admin, PASSWORD);

        HttpResponse<String> shown = page.get("/admin/approval-chain?tenant=" + t.code());
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("Approval chain of 测试部门 " + t.code());
        String csrf = "&_csrf=" + PageClient.enc(PageClient.csrfOf(shown.body()));
        assertThat(page.get("/admin/approval-chain?tenant=" + other.code()).statusCode()).isEqualTo(403);
        assertThat(page.get("/admin/approval-chain").body()).as("without a tenant named: one's own")
                .contains("Approval chain of 测试部门 " + t.code());

        HttpResponse<String> saved = page.postForm("/admin/approval-chain/levels", "tenant=" + t.code()
                + "&role=TENANT_ADMIN&mode=ANY&timeout=&action=&role=PLATFORM_ADMIN&mode=ALL&timeout=90"
                + "&action=REJECT&role=&mode=ANY&timeout=&action=" + csrf);
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("Saved.");
        assertThat(chains.configured(t.id())).containsExactly(
                new ApprovalLevel(1, Role.TENANT_ADMIN, ApprovalLevel.Mode.ANY, null, null),
                new ApprovalLevel(2, Role.PLATFORM_ADMIN, ApprovalLevel.Mode.ALL, 90,
                        ApprovalLevel.TimeoutAction.REJECT));

        HttpResponse<String> refused = page.postForm("/admin/approval-chain/levels", "tenant=" + t.code()
                + "&role=APPROVER&mode=ANY&timeout=30&action=" + csrf);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Level 1: give the time-out and what happens then together");
        assertThat(chains.configured(t.id())).hasSize(2);

        HttpResponse<String> rule = page.postForm("/admin/approval-chain/rules", "tenant=" + t.code()
                + "&kind=CREATE&maxCpu=2&maxMemoryMb=4096&maxLeaseDays=30" + csrf);
        assertThat(rule.statusCode()).isEqualTo(200);
        assertThat(rule.body()).contains("vCPU at most 2");
        assertThat(page.postForm("/admin/approval-chain/rules", "tenant=" + t.code() + "&kind=CREATE" + csrf)
                .statusCode()).isEqualTo(400);
        List<AutoApprovalRule> rules = chains.rules(t.id());
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).maxLeaseDays()).isEqualTo(30);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :a AND action IN "
                + "('APPROVAL_CHAIN_SET', 'AUTO_APPROVAL_RULE_ADD')").param("a", admin).query(Integer.class)
                .single()).isEqualTo(2);

        PageClient user = new PageClient(port, "en");
        user.signIn(t.requester(), PASSWORD);
        assertThat(user.get("/admin/approval-chain?tenant=" + t.code()).statusCode()).isEqualTo(403);
    }
}
