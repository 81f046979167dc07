package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** A signed-in session that expires is one audit event of its person; signing in is another. */
class SessionExpiryAuditIntegrationTest extends PortalTestSupport {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void anExpiredSessionIsLoggedOnceAsItsPersons() throws IOException {
        TestTenant t = newTenant();
        HttpClient http = LiveStream.signedIn(port, t.requester(), PASSWORD);

        sessionOf(http).expire();

        List<Map<String, Object>> events = jdbc.sql("""
                SELECT action, result, tenant_code, target_type FROM audit_event WHERE actor = :u ORDER BY id""")
                .param("u", t.requester()).query().listOfRows();
        assertThat(events).extracting(e -> e.get("action")).containsExactly("SIGN_IN", "SESSION_EXPIRED");
        assertThat(events.get(1)).containsEntry("result", "SUCCESS").containsEntry("tenant_code", t.code())
                .containsEntry("target_type", "SESSION");
    }

    private Session sessionOf(HttpClient http) {
        CookieManager cookies = (CookieManager) http.cookieHandler().orElseThrow();
        String id = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
        Context app = (Context) ((TomcatWebServer) context.getWebServer()).getTomcat().getHost().findChildren()[0];
        try {
            Session session = app.getManager().findSession(id);
            assertThat(session).as("the signed-in session").isNotNull();
            return session;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
