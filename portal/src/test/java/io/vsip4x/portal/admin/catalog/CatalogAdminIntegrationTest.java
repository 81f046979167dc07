package io.vsip4x.portal.admin.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.tenancy.ResourceKind;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * The platform admins' catalog pages and their JSON, read through the simulator: each list's data
 * and the departments each thing is open to.
 */
class CatalogAdminIntegrationTest extends PortalTestSupport {

    private static final long GIB = 1L << 30;
    private static final long TIB = 1L << 40;

    private static Map<String, Object> byId(List<Map<String, Object>> rows, String key, String id) {
        return rows.stream().filter(r -> id.equals(r.get(key))).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + id + " in " + rows));
    }

    @SuppressWarnings("unchecked")
    private static List<String> tenantCodes(Map<String, Object> row) {
        return ((List<Map<String, Object>>) row.get("tenants")).stream().map(t -> (String) t.get("code")).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void templatesShowShapeClassificationPoolsAndTheDepartmentsGrantedThem() {
        TestTenant t = newTenant();
        tenants.revoke(t.id(), ResourceKind.TEMPLATE, "tpl-win2019");
        String admin = newPlatformAdmin("cat");

        List<Map<String, Object>> templates = getList(admin, "/admin/templates");

        Map<String, Object> kylin = byId(templates, "templateId", "tpl-kylin10");
        assertThat(kylin).containsEntry("osType", "Kylin V10").containsEntry("osFamily", "Linux")
                .containsEntry("osBits", "64").containsEntry("cpu", 2).containsEntry("classification", 2)
                .containsEntry("memoryBytes", 4 * GIB).containsEntry("diskBytes", 60 * GIB);
        assertThat((List<Object>) kylin.get("pools")).containsExactlyInAnyOrder("pool-prod", "pool-test");
        assertThat(tenantCodes(kylin)).contains(t.code());
        assertThat(tenantCodes(byId(templates, "templateId", "tpl-win2019"))).doesNotContain(t.code());
        assertThat(get(admin, "/admin/templates/tpl-centos7")).containsEntry("templateId", "tpl-centos7")
                .containsEntry("diskBytes", 40 * GIB);

        String page = signedInPages(admin).get("/admin/templates").body();
        assertThat(page).contains("id=\"admin-tab-templates\"").contains("id=\"template-tpl-kylin10\"")
                .contains("Secret").contains(t.code()).contains("60.0 GiB");
    }

    @Test
    void aTemplateMadeFromAPortalVmCarriesThatVmsHigherClassificationAndItsName() {
        TestTenant t = newTenant();
        String admin = newPlatformAdmin("cat");
        long builder = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", admin)
                .query(Long.class).single();
        jdbc.sql("""
                INSERT INTO vm_template (template_id, tenant_id, vm_id, vm_name, classification, checksum, built_by,
                                         display_name)
                VALUES ('tpl-win2019', :tenant, 'vm-catalog-test', 'src', 3, FALSE, :by, '发布模板')""")
                .param("tenant", t.id()).param("by", builder).update();
        try {
            Map<String, Object> win = get(admin, "/admin/templates/tpl-win2019");
            assertThat(win).containsEntry("classification", 3).containsEntry("platformClassification", 0)
                    .containsEntry("displayName", "发布模板").containsEntry("builtFromVm", "vm-catalog-test");
        } finally {
            jdbc.sql("DELETE FROM vm_template WHERE template_id = 'tpl-win2019' AND vm_id = 'vm-catalog-test'")
                    .update();
        }
    }

    @Test
    void theTemplatesVncPasswordReachesNeitherPageNorApi() {
        String admin = newPlatformAdmin("cat");
        String json = api(admin).get().uri("/admin/templates").retrieve().body(String.class);
        String detail = api(admin).get().uri("/admin/templates/tpl-centos7").retrieve().body(String.class);
        String page = signedInPages(admin).get("/admin/templates").body();

        assertThat(json).contains("tpl-centos7");
        for (String text : List.of(json, detail, page)) {
            assertThat(text).doesNotContainIgnoringCase("vncPassword").doesNotContain("Tpl#c7vnc")
                    .doesNotContain("Tpl#k10vnc").doesNotContain("Tpl#w19vnc");
        }
    }

    @Test
    void anUnknownTemplateIsNotFound() {
        ResponseEntity<Map<String, Object>> missing = api(newPlatformAdmin("cat")).get()
                .uri("/admin/templates/tpl-none-x")
                .retrieve().toEntity(new org.springframework.core.ParameterizedTypeReference<>() {
                });
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        assertThat(missing.getBody().get("detail").toString()).contains("lists no template tpl-none-x");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anImageANetworkAndAStorageNodeEachHaveTheirDetail() {
        TestTenant t = newTenant();
        String admin = newPlatformAdmin("cat");

        assertThat(get(admin, "/admin/images/iso-centos7")).containsEntry("id", "iso-centos7")
                .containsEntry("pool", "pool-prod");
        Map<String, Object> office = get(admin, "/admin/networks/vnet-office");
        assertThat(office).containsEntry("name", "办公网");
        assertThat(tenantCodes(office)).contains(t.code());
        assertThat(get(admin, "/admin/storage-nodes/gfs-brick-01")).containsEntry("pool", "pool-prod")
                .containsEntry("hostId", "host-01").containsEntry("totalBytes", 20 * TIB);

        Map<String, Object> image = get(admin, "/admin/images/iso-none");
        assertThat(image).containsEntry("status", 404);
        assertThat(image.get("detail").toString()).contains("lists no image iso-none");
        assertThat(get(admin, "/admin/networks/vnet-none")).containsEntry("status", 404);
        assertThat(get(admin, "/admin/storage-nodes/gfs-none")).containsEntry("status", 404);
    }

    @Test
    void imagesListEveryIsoWithItsPoolsDepartmentsAndFilterByType() {
        TestTenant t = newTenant();
        tenants.revoke(t.id(), ResourceKind.POOL, "pool-test");
        String admin = newPlatformAdmin("cat");

        List<Map<String, Object>> images = getList(admin, "/admin/images");
        Map<String, Object> centos = byId(images, "id", "iso-centos7");
        assertThat(centos).containsEntry("name", "CentOS-7-x86_64-DVD-2009.iso").containsEntry("type", "CentOS 7")
                .containsEntry("family", "Linux").containsEntry("bits", "64").containsEntry("version", "7.9.2009")
                .containsEntry("pool", "pool-prod")
                .containsEntry("path", "/vsip4x/pool-prod/iso/CentOS-7-x86_64-DVD-2009.iso");
        assertThat(tenantCodes(centos)).contains(t.code());
        assertThat(tenantCodes(byId(images, "id", "iso-kylin10"))).doesNotContain(t.code());
        assertThat(getList(admin, "/admin/images?type=Kylin V10")).extracting(i -> i.get("id"))
                .containsExactly("iso-kylin10");
        assertThat(getList(admin, "/admin/images?type=kylin")).as("a part of the type, in any case")
                .extracting(i -> i.get("id")).containsExactly("iso-kylin10");
        String kylin = signedInPages(admin).get("/admin/images?type=Kylin").body();
        assertThat(kylin).contains("id=\"image-iso-kylin10\"").doesNotContain("id=\"image-iso-centos7\"")
                .as("the types present to choose from").contains("<option value=\"Kylin V10\">Kylin V10</option>")
                .contains("<option value=\"CentOS 7\">CentOS 7</option>");

        String page = signedInPages(admin).get("/admin/images?type=" + PageClient.enc("CentOS 7")).body();
        assertThat(page).contains("id=\"image-iso-centos7\"").doesNotContain("id=\"image-iso-kylin10\"")
                .contains("id=\"images-grants-note\"").contains("granted the pool that holds it");
    }

    @Test
    @SuppressWarnings("unchecked")
    void networksShowTheirPoolsDepartmentsAndPortalVms() {
        TestTenant t = newTenant();
        String admin = newPlatformAdmin("cat");

        List<Map<String, Object>> networks = getList(admin, "/admin/networks");
        Map<String, Object> lab = byId(networks, "id", "vnet-lab");
        assertThat((List<Object>) lab.get("pools")).containsExactly("pool-test");
        assertThat(tenantCodes(lab)).doesNotContain(t.code());
        Map<String, Object> office = byId(networks, "id", "vnet-office");
        assertThat(office).containsEntry("name", "办公网");
        assertThat((List<Object>) office.get("pools")).containsExactlyInAnyOrder("pool-prod", "pool-test");
        assertThat(tenantCodes(office)).contains(t.code());
        long vms = jdbc.sql("SELECT COUNT(*) FROM vm WHERE network = 'vnet-office' AND lifecycle NOT IN "
                + "('DELETED', 'FAILED')").query(Long.class).single();
        assertThat(((Number) office.get("vms")).longValue()).isEqualTo(vms);

        assertThat(signedInPages(admin).get("/admin/networks").body()).contains("id=\"network-vnet-lab\"")
                .contains("id=\"admin-tab-networks\"").contains(t.code());
    }

    @Test
    @SuppressWarnings("unchecked")
    void storageNodesShowSpaceStateAndTheDepartmentsOfTheirPool() {
        TestTenant t = newTenant();
        String admin = newPlatformAdmin("cat");

        Map<String, Object> all = get(admin, "/admin/storage-nodes");
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) all.get("nodes");
        Map<String, Object> brick = byId(nodes, "id", "gfs-brick-01");
        assertThat(brick).containsEntry("pool", "pool-prod").containsEntry("ipAddress", "192.168.100.11")
                .containsEntry("type", "storage").containsEntry("hostId", "host-01")
                .containsEntry("totalBytes", 20 * TIB);
        assertThat(((Number) brick.get("freeBytes")).longValue()).isBetween(0L, 20 * TIB);
        assertThat(byId(nodes, "id", "gfs-cluster-01")).containsEntry("type", "cluster").containsEntry("online", true)
                .containsEntry("hostId", null);
        assertThat(tenantCodes(brick)).contains(t.code());
        // Only the storage (volume) nodes' space is added up: the cluster node reports the same volume again.
        List<Map<String, Object>> storage = nodes.stream().filter(n -> "storage".equals(n.get("type"))).toList();
        long total = storage.stream().mapToLong(n -> ((Number) n.get("totalBytes")).longValue()).sum();
        long free = storage.stream().mapToLong(n -> ((Number) n.get("freeBytes")).longValue()).sum();
        assertThat(((Number) all.get("totalBytes")).longValue()).isEqualTo(total)
                .isLessThan(nodes.stream().mapToLong(n -> ((Number) n.get("totalBytes")).longValue()).sum());
        assertThat(((Number) all.get("freeBytes")).longValue()).isEqualTo(free);
        assertThat(((Number) all.get("storageNodes")).longValue()).isEqualTo(storage.size());

        Map<String, Object> test = get(admin, "/admin/storage-nodes?pool=pool-test");
        assertThat((List<?>) test.get("nodes")).isEmpty();
        assertThat(status(admin, "/admin/storage-nodes?pool=pool-none")).isEqualTo(404);

        PageClient pages = signedInPages(admin);
        assertThat(pages.get("/admin/storage-nodes").body()).contains("id=\"storage-gfs-brick-01\"")
                .contains("id=\"storage-summary\"").contains("20480.0 GiB")
                .contains("space of the " + storage.size() + " storage nodes");
        assertThat(pages.get("/admin/storage-nodes?pool=pool-none").body()).contains("id=\"pool-error\"")
                .contains("lists no pool pool-none").contains("id=\"storage-pool\"");
    }

    @Test
    void eachListSaysThePlatformIsUnavailableWhenItDoesNotAnswer() {
        String admin = newPlatformAdmin("cat");
        PageClient pages = signedInPages(admin);
        List<String> methods = List.of("searchTemplateList", "searchInstallImages", "searchRepository");
        methods.forEach(m -> simulator.simulator().faults().answer(m, "9001", null));
        try {
            for (String area : List.of("templates", "images", "networks", "storage-nodes")) {
                ResponseEntity<String> answer = api(admin).get().uri("/admin/" + area).retrieve()
                        .toEntity(String.class);
                assertThat(answer.getStatusCode().value()).as(area).isEqualTo(503);
                assertThat(answer.getBody()).as(area).contains("cannot be reached");
                HttpResponse<String> page = pages.get("/admin/" + area);
                assertThat(page.statusCode()).as(area).isEqualTo(200);
                assertThat(page.body()).as(area).contains("id=\"platform-unavailable\"")
                        .contains("id=\"admin-tab-" + area + "\"");
            }
        } finally {
            methods.forEach(m -> simulator.simulator().faults().clearMethod(m));
        }
    }
}
