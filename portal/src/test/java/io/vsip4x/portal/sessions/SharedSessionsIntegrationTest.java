package io.vsip4x.portal.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.security.core.context.SecurityContext;

/**
 * HTTP sessions live in the database, not in a node: every attribute a session holds is written
 * there (Java-serialized) and read back on each request, a session whose row is gone is signed
 * out, and an expired session is logged once whichever sweeps run, never naming its id.
 */
class SharedSessionsIntegrationTest extends PortalTestSupport {

    @Autowired
    SessionSweep sweep;

    private final DeserializingConverter deserializer = new DeserializingConverter(getClass().getClassLoader());

    @Test
    void aSignedInSessionIsReadFromItsRowAndEndsWithIt() {
        TestTenant t = newTenant();
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String id = sessionIdOf(page);

        assertThat(jdbc.sql("SELECT PRINCIPAL_NAME FROM SPRING_SESSION WHERE SESSION_ID = :id").param("id", id)
                .query(String.class).single()).isEqualTo(t.requester());
        Object context = deserializer.convert(attribute(id, "SPRING_SECURITY_CONTEXT"));
        assertThat(context).isInstanceOfSatisfying(SecurityContext.class, security -> {
            CurrentUser user = UserService.of(security.getAuthentication());
            assertThat(user.username()).isEqualTo(t.requester());
            assertThat(user.tenantCode()).isEqualTo(t.code());
        });
        assertThat(page.get("/vms").uri().getPath()).isEqualTo("/vms");

        jdbc.sql("DELETE FROM SPRING_SESSION WHERE SESSION_ID = :id").param("id", id).update();

        HttpResponse<String> next = page.get("/vms");
        assertThat(next.uri().getPath()).isEqualTo("/login");
        assertThat(next.body()).contains("id=\"sign-in\"");
    }

    @Test
    void everyAttributeOfASessionReadsBack() {
        TestTenant t = newTenant();
        PageClient page = new PageClient(port, "en");
        // Before signing in: the CSRF token and the page asked for (where signing in leads).
        page.get("/requests");
        String anonymous = sessionIdOf(page);
        assertThat(attributeNames(anonymous)).isNotEmpty();
        assertEveryAttributeReadsBack(anonymous);

        HttpResponse<String> landed = page.signIn(t.requester(), PASSWORD);
        assertThat(landed.uri().getPath()).isEqualTo("/requests");
        String signedIn = sessionIdOf(page);
        assertThat(signedIn).as("a new id at sign-in").isNotEqualTo(anonymous);
        assertThat(attributeNames(signedIn)).contains("SPRING_SECURITY_CONTEXT");
        assertEveryAttributeReadsBack(signedIn);
    }

    @Test
    void twoSweepsAtOnceLogAnExpiredSessionOnceAndNeverItsId() throws Exception {
        TestTenant t = newTenant();
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String id = sessionIdOf(page);
        TestSessions.makeExpired(jdbc, id);

        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> sweepAfter(start));
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> sweepAfter(start));
        assertThat(one.get() + two.get()).isPositive();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE SESSION_ID = :id").param("id", id)
                .query(Integer.class).single()).isZero();
        List<Map<String, Object>> events = jdbc.sql("""
                SELECT * FROM audit_event WHERE actor = :u AND action = 'SESSION_EXPIRED'""")
                .param("u", t.requester()).query().listOfRows();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event).containsEntry("result", "SUCCESS").containsEntry("tenant_code", t.code())
                    .containsEntry("target_type", "SESSION").containsEntry("target", t.requester());
            assertThat(event.values()).noneMatch(value -> String.valueOf(value).contains(id));
        });
        assertThat(page.get("/vms").uri().getPath()).as("the expired session no longer signs in")
                .isEqualTo("/login");
    }

    @Test
    void aSessionThatHasExpiredIsNotUsedBeforeTheSweepRemovesIt() {
        TestTenant t = newTenant();
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String id = sessionIdOf(page);
        TestSessions.makeExpired(jdbc, id);

        assertThat(page.get("/vms").uri().getPath()).isEqualTo("/login");

        // The request that met it left it to the sweep, which logs it.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE SESSION_ID = :id").param("id", id)
                .query(Integer.class).single()).isEqualTo(1);
        sweep.sweepNow();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :u AND action = 'SESSION_EXPIRED'")
                .param("u", t.requester()).query(Integer.class).single()).isEqualTo(1);
    }

    private int sweepAfter(CyclicBarrier start) {
        try {
            start.await();
        } catch (Exception e) {
            throw new AssertionError("The sweeps did not start together", e);
        }
        return sweep.sweepNow();
    }

    private void assertEveryAttributeReadsBack(String sessionId) {
        for (String name : attributeNames(sessionId)) {
            assertThat(deserializer.convert(attribute(sessionId, name))).as(name).isNotNull();
        }
    }

    private List<String> attributeNames(String sessionId) {
        return jdbc.sql("""
                SELECT A.ATTRIBUTE_NAME
                  FROM SPRING_SESSION_ATTRIBUTES A
                  JOIN SPRING_SESSION S ON S.PRIMARY_ID = A.SESSION_PRIMARY_ID
                 WHERE S.SESSION_ID = :id""")
                .param("id", sessionId).query(String.class).list();
    }

    private byte[] attribute(String sessionId, String name) {
        return jdbc.sql("""
                SELECT A.ATTRIBUTE_BYTES
                  FROM SPRING_SESSION_ATTRIBUTES A
                  JOIN SPRING_SESSION S ON S.PRIMARY_ID = A.SESSION_PRIMARY_ID
                 WHERE S.SESSION_ID = :id AND A.ATTRIBUTE_NAME = :name""")
                .param("id", sessionId).param("name", name).query(byte[].class).single();
    }

    private static String sessionIdOf(PageClient page) {
        java.net.CookieManager cookies = (java.net.CookieManager) page.http().cookieHandler().orElseThrow();
        return TestSessions.idOf(cookies.getCookieStore().get(URI.create(page.base())).stream()
                .filter(c -> c.getName().equals("JSESSIONID")).map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("No session cookie")));
    }
}
