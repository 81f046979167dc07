package io.vsip4x.portal.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.identity.Role;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The admins' active consoles: platform admins see every tenant's, tenant admins their own,
 * others none; an admin ends one, which asks its node to close it, and it is audited.
 */
class ActiveConsolesIntegrationTest extends SharingTestSupport {

    @Test
    void adminsSeeTheOpenConsolesTheyOverseeAndEndOne() {
        Team team = team();
        Team other = team();
        String operator = team.tenant().code() + "-ops";
        users.create(operator, PASSWORD, "运维", null, Set.of(Role.PLATFORM_ADMIN));
        long owners = openConsole(team.vmId(), team.tenantId(), team.owner(), false);
        long others = openConsole(other.vmId(), other.tenantId(), other.owner(), false);

        assertThat(ids(getList(operator, "/admin/consoles"))).contains(owners, others);
        List<Map<String, Object>> tenants = getList(team.admin(), "/admin/consoles");
        assertThat(ids(tenants)).contains(owners).doesNotContain(others);
        assertThat(tenants.stream().filter(c -> ((Number) c.get("id")).longValue() == owners).findFirst()
                .orElseThrow()).containsEntry("username", team.owner()).containsEntry("vmId", team.vmId())
                .containsEntry("tenantCode", team.tenant().code()).containsEntry("viewOnly", false)
                .containsEntry("clientAddress", "127.0.0.9");

        assertThat(delete(team.admin(), others)).as("another tenant's console").isEqualTo(404);
        assertThat(endRequest(others).get("end_requested")).isNull();
        assertThat(delete(team.admin(), owners)).isEqualTo(204);
        assertThat(endRequest(owners)).containsEntry("end_requested", "ENDED_BY_ADMIN")
                .containsEntry("end_requested_by", idOf(team.admin()));
        assertThat(audited(team.admin(), "CONSOLE_ENDED_BY_ADMIN", team.vmId())).singleElement().asString()
                .contains("session=" + owners).contains("user=" + team.owner());
        assertThat(delete(team.admin(), owners)).as("ending already").isEqualTo(409);

        assertThat(delete(operator, others)).isEqualTo(204);
        assertThat(endRequest(others)).containsEntry("end_requested", "ENDED_BY_ADMIN");
    }

    @Test
    void othersMayNeitherListNorEndConsoles() {
        Team team = team();
        String auditor = team.tenant().code() + "-auditor";
        users.create(auditor, PASSWORD, "审计员", null, Set.of(Role.AUDITOR));
        long owners = openConsole(team.vmId(), team.tenantId(), team.owner(), false);

        for (String refused : List.of(team.owner(), team.carol(), team.tenant().approver(), auditor)) {
            assertThat(status(refused, "/admin/consoles")).as(refused).isEqualTo(403);
            assertThat(delete(refused, owners)).as(refused).isEqualTo(403);
        }
        assertThat(endRequest(owners).get("end_requested")).isNull();
    }

    @Test
    void theAdminPageListsConsolesWithAnEndButton() {
        Team team = team();
        long owners = openConsole(team.vmId(), team.tenantId(), team.owner(), true);
        PageClient admin = new PageClient(port, "en");
        admin.signIn(team.admin(), PASSWORD);

        assertThat(admin.get("/consoles").body()).as("tenant admins reach it from their consoles page")
                .contains("id=\"consoles-active-link\" href=\"/admin/consoles\"");
        String page = admin.get("/admin/consoles").body();
        assertThat(page).contains("id=\"admin-console-" + owners + "\"").contains("View only")
                .contains("id=\"admin-console-end-" + owners + "\"");

        HttpResponse<String> ended = admin.postForm("/admin/consoles/" + owners + "/end",
                "_csrf=" + PageClient.enc(PageClient.csrfOf(page)), "HX-Request", "true");
        assertThat(ended.statusCode()).isEqualTo(200);
        assertThat(ended.body()).startsWith("<section id=\"admin-consoles\"")
                .doesNotContain("id=\"admin-console-end-" + owners + "\"").contains("ending");
        assertThat(endRequest(owners)).containsEntry("end_requested", "ENDED_BY_ADMIN");

        long carols = openConsole(team.vmId(), team.tenantId(), team.carol(), true);
        HttpResponse<String> withoutHtmx = admin.postForm("/admin/consoles/" + carols + "/end",
                "_csrf=" + PageClient.enc(PageClient.csrfOf(admin.get("/admin/consoles").body())));
        assertThat(withoutHtmx.statusCode()).isEqualTo(200);
        assertThat(withoutHtmx.body()).as("without htmx the page it comes back to says the end was asked for")
                .contains("The console was asked to end").doesNotContain("id=\"admin-console-end-" + carols + "\"");
        assertThat(endRequest(carols)).containsEntry("end_requested", "ENDED_BY_ADMIN");

        PageClient owner = new PageClient(port, "en");
        owner.signIn(team.owner(), PASSWORD);
        assertThat(owner.get("/admin/consoles").statusCode()).isEqualTo(403);
        assertThat(owner.get("/consoles").body()).as("the admin page is offered to admins only")
                .doesNotContain("href=\"/admin/consoles\"").contains("href=\"/consoles\"");
    }

    private int delete(String user, long id) {
        return api(user).delete().uri("/admin/consoles/" + id).retrieve().toBodilessEntity().getStatusCode().value();
    }

    private static List<Long> ids(List<Map<String, Object>> consoles) {
        return consoles.stream().map(c -> ((Number) c.get("id")).longValue()).toList();
    }
}
