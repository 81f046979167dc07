package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.sessions.TestSessions;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** A signed-in session that expires is one audit event of its person; signing in is another. */
class SessionExpiryAuditIntegrationTest extends PortalTestSupport {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void anExpiredSessionIsLoggedOnceAsItsPersons() {
        TestTenant t = newTenant();
        HttpClient http = LiveStream.signedIn(port, t.requester(), PASSWORD);

        TestSessions.expire(context, sessionOf(http));

        List<Map<String, Object>> events = jdbc.sql("""
                SELECT action, result, tenant_code, target_type FROM audit_event WHERE actor = :u ORDER BY id""")
                .param("u", t.requester()).query().listOfRows();
        assertThat(events).extracting(e -> e.get("action")).containsExactly("SIGN_IN", "SESSION_EXPIRED");
        assertThat(events.get(1)).containsEntry("result", "SUCCESS").containsEntry("tenant_code", t.code())
                .containsEntry("target_type", "SESSION");
    }

    private static String sessionOf(HttpClient http) {
        CookieManager cookies = (CookieManager) http.cookieHandler().orElseThrow();
        return TestSessions.idOf(cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("JSESSIONID")).map(HttpCookie::getValue).findFirst().orElseThrow());
    }
}
