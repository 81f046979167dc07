package io.vsip4x.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A session keeps no rights its account has lost: a changed account signs in again. */
class SessionRightsIntegrationTest extends PortalTestSupport {

    @Test
    void aSessionWhoseRolesChangedIsSentToSignInAgain() {
        TestTenant t = newTenant();
        PageClient page = new PageClient(port, "en");
        page.signIn(t.approver(), PASSWORD);
        assertThat(page.get("/approvals").statusCode()).isEqualTo(200);

        long id = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", t.approver())
                .query(Long.class).single();
        jdbc.sql("DELETE FROM user_role WHERE user_id = :id AND role = 'APPROVER'").param("id", id).update();

        HttpResponse<String> after = page.get("/vms");
        assertThat(after.uri().toString()).contains("/login");
        assertThat(page.get("/approvals").uri().toString()).as("signed out, not merely redirected once")
                .contains("/login");
    }

    @Test
    void aSessionWhoseRightsStayTheSameGoesOn() {
        TestTenant t = newTenant();
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);

        assertThat(page.get("/vms").uri().toString()).endsWith("/vms");
        assertThat(page.get("/vms").uri().toString()).endsWith("/vms");
    }
}
