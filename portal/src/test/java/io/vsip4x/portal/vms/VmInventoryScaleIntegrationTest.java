package io.vsip4x.portal.vms;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The VM list with 2,000 VMs in one tenant: a page holds what it should, the total is right,
 * and every query of the list is read along an index of the tenant (or the owner), never by
 * scanning the whole table; and the list page with its pager and its htmx fragments.
 */
class VmInventoryScaleIntegrationTest extends PortalTestSupport {

    private static final int COUNT = 2000;
    private static final Pattern ROW = Pattern.compile("<tr id=\"vm-[^\"]+\" data-status=\"(\\d+)\"");

    @Autowired
    VmListing listing;

    @Test
    void aPageOfTwoThousandVmsHoldsItsSizeAndIsReadAlongAnIndex() {
        TestTenant t = newTenant();
        String admin = t.code() + "-admin";
        users.create(admin, PASSWORD, "管理员 " + t.code(), t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        VmSeeder seeder = new VmSeeder(jdbc, t.id());
        try {
            seeder.addMany(t.code(), idOf(t.requester()), COUNT, Instant.parse("2026-02-01T00:00:00Z"));
            jdbc.sql("ANALYZE TABLE vm").query().listOfRows();

            Map<String, Object> first = get(admin, "/vms");
            assertThat(first).containsEntry("total", COUNT).containsEntry("size", 50).containsEntry("page", 0);
            assertThat((List<?>) first.get("items")).hasSize(50);
            assertThat(((Map<?, ?>) ((List<?>) first.get("items")).get(0)).get("name"))
                    .as("newest first").isEqualTo(t.code() + "-02000");
            Map<String, Object> big = get(admin, "/vms?size=200&page=9&sort=name");
            assertThat((List<?>) big.get("items")).hasSize(200);
            assertThat(((Map<?, ?>) ((List<?>) big.get("items")).get(199)).get("name")).isEqualTo(t.code() + "-02000");
            assertThat(get(admin, "/vms?size=200&page=10")).containsEntry("items", List.of());
            assertThat(get(admin, "/vms?status=1")).containsEntry("total", COUNT / 2);
            assertThat(get(admin, "/vms?repoName=pool-test&hostId=host-0")).containsEntry("total", 166);
            assertThat(get(t.requester(), "/vms?q=" + t.code() + "-0199")).containsEntry("total", 10);
            assertThat(get(t.approver(), "/vms?sort=owner&page=39")).containsEntry("total", COUNT);

            CurrentUser tenantAdmin = user(admin, t, Set.of(Role.USER, Role.TENANT_ADMIN));
            CurrentUser owner = user(t.requester(), t, Set.of(Role.USER));
            for (String query : List.of("", "sort=name", "sort=-name", "sort=status", "sort=created", "sort=host",
                    "sort=owner", "status=1", "status=0,4&sort=name", "repoName=pool-test", "hostId=host-2",
                    "templateId=tpl-centos7", "classification=0", "q=" + t.code() + "-01", "q=10.",
                    "owner=" + t.requester(), "page=30&size=50")) {
                assertIndexed(tenantAdmin, query);
                assertIndexed(owner, query);
            }
        } finally {
            seeder.removeTenant();
        }
    }

    @Test
    void theListPageShowsItsPagerFiltersAndBulkFormAndKeepsTheQueryInItsLinks() {
        TestTenant t = newTenant();
        VmSeeder seeder = new VmSeeder(jdbc, t.id());
        try {
            seeder.addMany(t.code(), idOf(t.requester()), 120, Instant.parse("2026-03-01T00:00:00Z"));
            PageClient page = new PageClient(port, "en");
            page.signIn(t.requester(), PASSWORD);

            String second = page.get("/vms?page=1&status=1").body();
            assertThat(second).contains("51–60 of 60");
            assertThat(rowStatuses(second)).hasSize(10).containsOnly("1");
            assertThat(second).contains("href=\"/vms?status=1\"").contains("id=\"page-next\"")
                    .doesNotContain("href=\"/vms?status=1&amp;page=2\"");
            assertThat(second).as("the name links to the VM's page")
                    .contains("href=\"/vms/vm-" + t.code() + "-00001\"");
            assertThat(second).contains("id=\"vm-filters\"", "hx-push-url=\"true\"", "id=\"vm-select-all\"",
                    "hx-post=\"/vms/bulk\"", "name=\"secureErase\"", "id=\"bulk-results\"",
                    "value=\"vm-" + t.code() + "-00001\"", "hx-include=\"#vm-filters, #vm-state\"");
            assertThat(second).as("the filter keeps its value").contains("<option value=\"1\" selected=\"selected\"");

            String sorted = page.get("/vms?sort=name&size=100").body();
            assertThat(sorted).contains("1–100 of 120", "href=\"/vms?sort=name&amp;page=1&amp;size=100\"")
                    .as("the name header sorts the other way round now")
                    .contains("href=\"/vms?sort=-name&amp;size=100\"");

            // A live update asks for the rows with the page's filters: it gets those rows only.
            HttpResponse<String> rows = page.get("/vms?status=0&page=1", "HX-Request", "true",
                    "HX-Target", "vm-rows");
            assertThat(rows.body().strip()).startsWith("<tbody id=\"vm-rows\"");
            assertThat(rowStatuses(rows.body())).hasSize(10).containsOnly("0");
            HttpResponse<String> results = page.get("/vms?q=" + t.code() + "-0011&sort=name", "HX-Request", "true",
                    "HX-Target", "vm-list");
            assertThat(results.body().strip()).startsWith("<div id=\"vm-list\"");
            assertThat(results.body()).contains("1–10 of 10").doesNotContain("id=\"vm-filters\"");
            assertThat(results.headers().firstValue("HX-Push-Url")).as("the address of this view, for the history")
                    .contains("/vms?q=" + t.code() + "-0011&sort=name");

            String none = page.get("/vms?q=nothing-like-this").body();
            assertThat(none).contains("No VM matches. Change the search or the filters.")
                    .doesNotContain("id=\"vm-pager\"").contains("id=\"quota-bars\"");
        } finally {
            seeder.removeTenant();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApiDescriptionNamesTheListParametersAndItsPage() {
        Map<String, Object> doc = RestClient.create("http://127.0.0.1:" + port).get().uri("/v3/api-docs").retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
        Map<String, Object> list = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                doc.get("paths")).get("/api/v1/vms")).get("get");
        assertThat(((List<Map<String, Object>>) list.get("parameters")).stream().map(p -> p.get("name")))
                .containsExactly("q", "status", "repoName", "hostId", "owner", "templateId", "classification",
                        "sort", "page", "size");
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components"))
                .get("schemas");
        assertThat((Map<String, Object>) ((Map<String, Object>) schemas.get("VmPage")).get("properties"))
                .containsOnlyKeys("items", "page", "size", "total");
        assertThat((Map<String, Object>) ((Map<String, Object>) schemas.get("VmView")).get("properties"))
                .containsKey("ipAddresses");
    }

    private void assertIndexed(CurrentUser user, String params) {
        VmQuery query = VmQuery.from(UriComponentsBuilder.fromUriString("/vms?" + params).build()
                .getQueryParams());
        List<Map<String, Object>> plan = listing.explain(user, query);
        Map<String, Object> vm = plan.stream().filter(row -> "v".equals(row.get("table"))).findFirst().orElseThrow();
        assertThat(vm.get("type")).as("plan of %s for %s: %s", params, user.username(), plan).isNotEqualTo("ALL");
        assertThat(vm.get("key")).as("plan of %s for %s: %s", params, user.username(), plan).isNotNull();
    }

    private CurrentUser user(String username, TestTenant t, Set<Role> roles) {
        return new CurrentUser(idOf(username), username, username, t.id(), t.code(), roles, 0);
    }

    private static List<String> rowStatuses(String html) {
        Matcher m = ROW.matcher(html);
        List<String> statuses = new ArrayList<>();
        while (m.find()) {
            statuses.add(m.group(1));
        }
        return statuses;
    }

    private long idOf(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).single();
    }
}
