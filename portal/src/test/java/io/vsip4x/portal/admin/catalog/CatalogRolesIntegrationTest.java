package io.vsip4x.portal.admin.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalog pages, the tenants table and their JSON are the platform admins' alone: every other
 * role is refused, and a tenant's admin keeps the page of their own tenant.
 */
class CatalogRolesIntegrationTest extends PortalTestSupport {

    private static final List<String> PAGES = List.of("/admin/templates", "/admin/images", "/admin/networks",
            "/admin/storage-nodes", "/admin/tenants", "/admin/tenants/export.csv");
    private static final List<String> API = List.of("/admin/templates", "/admin/templates/tpl-centos7",
            "/admin/images", "/admin/networks", "/admin/storage-nodes", "/admin/tenants", "/admin/tenants.csv");

    @Test
    void everyOtherRoleIsRefusedOnPagesAndApi() {
        TestTenant t = newTenant();
        OtherRoles others = otherRoles(t);

        for (String user : others.all()) {
            for (String path : API) {
                assertThat(status(user, path)).as("%s GET /api/v1%s", user, path).isEqualTo(403);
            }
            assertThat(post(user, "/admin/templates/tpl-centos7/sync", null).getStatusCode().value())
                    .as("%s sync", user).isEqualTo(403);
            PageClient pages = signedInPages(user);
            for (String path : PAGES) {
                assertThat(pages.get(path).statusCode()).as("%s GET %s", user, path).isEqualTo(403);
            }
            String token = PageClient.csrfOf(pages.get("/vms").body());
            assertThat(pages.postForm("/admin/templates/tpl-centos7/sync", "_csrf=" + token).statusCode())
                    .as("%s page sync", user).isEqualTo(403);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'TEMPLATE_SYNC' AND actor IN (:u)")
                .param("u", others.all())
                .query(Integer.class).single()).as("nothing was synced").isZero();

        PageClient own = signedInPages(others.tenantAdmin());
        assertThat(own.get("/admin/tenants/" + t.code()).statusCode()).as("their own tenant's page").isEqualTo(200);
    }
}
