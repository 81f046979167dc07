package io.vsip4x.portal.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The change-request forms as a browser posts them, without JavaScript. */
class ChangeRequestPageIntegrationTest extends PortalTestSupport {

    @Test
    void ownerResizesFromTheVmListAndSeesTheRequestWithItsKind() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        PageClient zh = new PageClient(port, "zh-CN");
        zh.signIn(t.requester(), PASSWORD);
        assertThat(zh.get("/vms").body()).contains("/vms/" + vmId + "/change/resize")
                .contains("/vms/" + vmId + "/disks").contains("/vms/" + vmId + "/change/renewal");
        String form = zh.get("/vms/" + vmId + "/change/resize").body();
        assertThat(form).contains("当前配置：2 vCPU，2048 MiB 内存，40 GiB 系统盘");
        String token = PageClient.csrfOf(form);

        HttpResponse<String> bad = zh.postForm("/vms/" + vmId + "/change/resize",
                "cpu=abc&memoryMb=3000&diskGb=&reason=x&_csrf=" + token);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"cpu-error\"").contains("请输入整数");
        assertThat(requestCount(t)).isEqualTo(1);

        HttpResponse<String> done = zh.postForm("/vms/" + vmId + "/change/resize",
                "cpu=4&memoryMb=4096&diskGb=&reason=" + PageClient.enc("负载增加") + "&_csrf=" + token);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.uri().getPath()).startsWith("/requests/");
        assertThat(done.body()).contains("调整配置").contains("负载增加").contains(vmId);
        assertThat(zh.get("/requests").body()).contains("调整配置").contains("新建虚拟机");
        assertThat(requestCount(t)).isEqualTo(2);
    }

    @Test
    void dataDiskOverQuotaShowsTheNumbersAndSavesNothing() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        PageClient en = new PageClient(port, "en");
        en.signIn(t.requester(), PASSWORD);
        String token = PageClient.csrfOf(en.get("/vms/" + vmId + "/change/data-disk").body());

        HttpResponse<String> refused = en.postForm("/vms/" + vmId + "/change/data-disk",
                "dataDiskId=&sizeGb=10&reason=data&_csrf=" + token);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("id=\"quota-error\"")
                .contains("Over quota: data disk 10 GiB asked, 0 GiB free in the department quota (limit 0");
        assertThat(requestCount(t)).isEqualTo(1);
    }

    @Test
    void tenantAdminAsksForQuotaThroughTheForm() {
        TestTenant t = newTenant();
        String admin = t.code() + "-tadmin";
        users.create(admin, PASSWORD, "部门管理员", t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        PageClient user = new PageClient(port, "en");
        user.signIn(t.requester(), PASSWORD);
        assertThat(user.get("/requests").body()).doesNotContain("/quota-requests/new");
        assertThat(user.get("/quota-requests/new").statusCode()).as("the form, for a plain user").isEqualTo(403);
        PageClient en = new PageClient(port, "en");
        en.signIn(admin, PASSWORD);
        assertThat(en.get("/requests").body()).contains("/quota-requests/new");
        String form = en.get("/quota-requests/new").body();
        assertThat(form).contains("name=\"limits.cpu\"").contains("value=\"32\"");
        String token = PageClient.csrfOf(form);
        String rest = "&limits.memoryMb=65536&limits.diskGb=1000&limits.dataDiskGb=100&limits.vms=10"
                + "&limits.snapshots=0&limits.backups=0&reason=more&_csrf=" + token;

        HttpResponse<String> bad = en.postForm("/quota-requests", "limits.cpu=-4" + rest);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"limits.cpu-error\"").contains("A limit must be a whole number from 0");
        assertThat(requestCount(t)).isZero();

        HttpResponse<String> done = en.postForm("/quota-requests", "limits.cpu=64" + rest);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Quota change").contains("vCPU (cores): 64").contains("Backups: 0");
        assertThat(requestCount(t)).isEqualTo(1);
    }

    private int requestCount(TestTenant t) {
        return jdbc.sql("SELECT COUNT(*) FROM vm_request WHERE tenant_id = :t").param("t", t.id())
                .query(Integer.class).single();
    }

    private String runningVm(TestTenant t) {
        long id = submit(t.requester(), smallRequest(1));
        post(t.approver(), "/requests/" + id + "/approve", null);
        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(request(t.requester(), id).get("state")));
        String vmId = ((List<?>) request(t.requester(), id).get("vmIds")).get(0).toString();
        await().atMost(PATIENCE).until(() -> {
            Map<String, Object> vm = vm(t.requester(), vmId);
            return Integer.valueOf(1).equals(vm.get("status")) && !(Boolean) vm.get("busy");
        });
        return vmId;
    }
}
