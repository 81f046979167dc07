package io.vsip4x.portal.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The platform admins' tenants table: usage against quota, its sort parameter and its CSV export. */
class TenantTableIntegrationTest extends PortalTestSupport {

    /** Holds {@code cpu} vCPU and {@code vms} VMs of the tenant's quota as reserved. */
    private void reserve(TestTenant t, long cpu, long vms) {
        long user = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", t.requester())
                .query(Long.class).single();
        jdbc.sql("INSERT INTO quota_reservation (tenant_id, user_id, cpu, vms) VALUES (:t, :u, :cpu, :vms)")
                .param("t", t.id()).param("u", user).param("cpu", cpu).param("vms", vms).update();
    }

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP =
            new ParameterizedTypeReference<>() { };

    private List<String> codes(String admin, String sort) {
        return getList(admin, "/admin/tenants" + (sort == null ? "" : "?sort=" + sort)).stream()
                .map(r -> (String) r.get("code")).toList();
    }

    private static void before(List<String> codes, TestTenant first, TestTenant second) {
        assertThat(codes.indexOf(first.code())).as("%s before %s in %s", first.code(), second.code(), codes)
                .isNotNegative().isLessThan(codes.indexOf(second.code()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void rowsShowUsageAgainstQuotaAndSortByTheParameter() {
        TestTenant a = newTenant(new Quota(32, 65536, 1000, 10));
        TestTenant b = newTenant(new Quota(32, 65536, 1000, 10));
        reserve(a, 16, 1);
        reserve(b, 4, 8);
        String admin = newPlatformAdmin("tt");

        Map<String, Object> rowA = getList(admin, "/admin/tenants").stream()
                .filter(r -> a.code().equals(r.get("code"))).findFirst().orElseThrow();
        assertThat((Map<String, Object>) rowA.get("limits")).containsEntry("cpu", 32).containsEntry("vms", 10);
        assertThat((Map<String, Object>) rowA.get("reserved")).containsEntry("cpu", 16).containsEntry("vms", 1);
        assertThat((Map<String, Object>) rowA.get("free")).containsEntry("cpu", 16).containsEntry("vms", 9);
        assertThat(rowA).containsEntry("sharePercent", 50);

        before(codes(admin, "-cpu"), a, b);
        before(codes(admin, "cpu"), b, a);
        before(codes(admin, "-vms"), b, a);
        before(codes(admin, "-share"), b, a);
        before(codes(admin, "share"), a, b);
        List<String> byCode = codes(admin, "code");
        assertThat(byCode).isSorted();
        assertThat(codes(admin, null)).isEqualTo(byCode);
        List<String> reversed = new ArrayList<>(byCode);
        Collections.reverse(reversed);
        assertThat(codes(admin, "-code")).isEqualTo(reversed);
        List<String> names = getList(admin, "/admin/tenants?sort=name").stream().map(r -> (String) r.get("name"))
                .toList();
        assertThat(names).isSortedAccordingTo(Collator.getInstance(Locale.CHINA));
    }

    @Test
    void namesSortInPinyinOrder() {
        TestTenant research = newTenant(new Quota(32, 65536, 1000, 10));
        TestTenant finance = newTenant(new Quota(32, 65536, 1000, 10));
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        jdbc.sql("UPDATE tenant SET name = :n WHERE id = :id").param("n", "研发部" + suffix)
                .param("id", research.id()).update();
        jdbc.sql("UPDATE tenant SET name = :n WHERE id = :id").param("n", "财务部" + suffix)
                .param("id", finance.id()).update();

        // 财 (cai) before 研 (yan), although 研 comes first in Unicode.
        before(codes(newPlatformAdmin("tt"), "name"), finance, research);
        before(codes(newPlatformAdmin("tt"), "-name"), research, finance);
    }

    @Test
    void anUnknownSortIsRefusedInTheApiAndTheDefaultOrderWithANoticeOnThePage() {
        TestTenant a = newTenant(new Quota(32, 65536, 1000, 10));
        String admin = newPlatformAdmin("tt");

        for (String sort : List.of("bogus", "--cpu", "-", "password")) {
            ResponseEntity<Map<String, Object>> answer = api(admin).get().uri("/admin/tenants?sort=" + sort)
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "en").retrieve().toEntity(JSON_MAP);
            assertThat(answer.getStatusCode().value()).as(sort).isEqualTo(400);
            assertThat(answer.getBody().get("errors")).as(sort).isEqualTo(Map.of("sort", "The order must be one "
                    + "of: name, code, vms, cpu, memoryMb, diskGb, dataDiskGb, snapshots, backups, share; a leading "
                    + "- sorts the other way round."));
        }
        ResponseEntity<Map<String, Object>> chinese = api(admin).get().uri("/admin/tenants?sort=bogus")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN").retrieve().toEntity(JSON_MAP);
        assertThat(chinese.getStatusCode().value()).isEqualTo(400);
        assertThat(chinese.getBody().get("errors").toString()).contains("排序");
        assertThat(status(admin, "/admin/tenants.csv?sort=bogus")).as("the CSV of the API").isEqualTo(400);

        PageClient pages = new PageClient(port, "en");
        pages.signIn(admin, PASSWORD);
        HttpResponse<String> page = pages.get("/admin/tenants?sort=bogus");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"tenant-sort-unknown\"")
                .contains("class=\"sort sorted asc\" id=\"sort-code\"").contains("id=\"tenant-" + a.code() + "\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneDepartmentsLineIsInTheApiByItsCode() {
        TestTenant a = newTenant(new Quota(32, 65536, 1000, 10));
        reserve(a, 16, 1);
        String admin = newPlatformAdmin("tt");

        Map<String, Object> one = get(admin, "/admin/tenants/" + a.code());
        assertThat(one).containsEntry("code", a.code()).containsEntry("sharePercent", 50);
        assertThat((Map<String, Object>) one.get("reserved")).containsEntry("cpu", 16).containsEntry("vms", 1);
        assertThat(get(admin, "/admin/tenants/no-such-dept")).containsEntry("status", 404);
        assertThat(status(a.requester(), "/admin/tenants/" + a.code())).isEqualTo(403);
    }

    @Test
    void thePageIsATableWithSortLinksInItsHeaders() {
        TestTenant a = newTenant(new Quota(32, 65536, 1000, 10));
        reserve(a, 16, 1);
        PageClient pages = new PageClient(port, "en");
        pages.signIn(newPlatformAdmin("tt"), PASSWORD);

        String page = pages.get("/admin/tenants?sort=-cpu").body();

        assertThat(page).contains("id=\"tenant-table\"").contains("id=\"admin-tab-tenants\"")
                .contains("id=\"tenant-" + a.code() + "\"")
                .contains("class=\"sort sorted desc\" id=\"sort-cpu\" href=\"/admin/tenants?sort=cpu\"")
                .contains("href=\"/admin/tenants?sort=-vms\"").contains("href=\"/admin/tenants?sort=name\"")
                .contains("href=\"/admin/tenants/export.csv?sort=-cpu\"")
                .containsPattern("id=\"tenant-" + a.code() + "\"[\\s\\S]*?data-resource=\"cpu\"[\\s\\S]*?"
                        + "class=\"quota-numbers\">0 \\+ 16 / 32<");
        HttpResponse<String> odd = pages.get("/admin/tenants?sort=" + PageClient.enc("'; DROP"));
        assertThat(odd.statusCode()).isEqualTo(200);
        assertThat(odd.body()).contains("class=\"sort sorted asc\"").contains("id=\"tenant-" + a.code() + "\"");
    }

    @Test
    void theCsvIsUtf8WithABomQuotedFormulaSafeSortedAndAudited() {
        TestTenant a = newTenant(new Quota(32, 65536, 1000, 10));
        TestTenant b = newTenant(new Quota(32, 65536, 1000, 10));
        reserve(a, 16, 1);
        reserve(b, 4, 8);
        jdbc.sql("UPDATE tenant SET name = :n WHERE id = :id").param("n", "=SUM(1,2) \"x\"").param("id", a.id())
                .update();
        String admin = newPlatformAdmin("tt");

        ResponseEntity<byte[]> csv = api(admin).get().uri("/admin/tenants.csv?sort=-cpu")
                .header(HttpHeaders.ACCEPT, "text/csv").retrieve().toEntity(byte[].class);

        assertThat(csv.getStatusCode().value()).isEqualTo(200);
        assertThat(csv.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv")))
                .isTrue();
        assertThat(csv.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains("attachment")
                .contains("tenants-usage.csv");
        byte[] bytes = csv.getBody();
        assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
        List<String> lines = List.of(text.split("\r\n"));
        assertThat(lines.get(0)).startsWith("Code,Name,Share of quota (%),VMs used,VMs reserved,VMs limit,"
                + "vCPU (cores) used,vCPU (cores) reserved,vCPU (cores) limit,");
        String lineA = a.code() + ",\"'=SUM(1,2) \"\"x\"\"\",50,0,1,10,0,16,32,";
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(lineA));
        int rowA = indexOf(lines, a.code() + ",");
        int rowB = indexOf(lines, b.code() + ",");
        assertThat(rowA).isPositive().isLessThan(rowB);
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM audit_event
                 WHERE action = 'TENANT_EXPORT' AND actor = :a AND params LIKE '%sort=-cpu%'""")
                .param("a", admin).query(Integer.class).single()).isEqualTo(1);

        PageClient pages = new PageClient(port, "zh-CN");
        pages.signIn(admin, PASSWORD);
        HttpResponse<String> export = pages.get("/admin/tenants/export.csv");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).startsWith("\uFEFF代码,名称,");
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
