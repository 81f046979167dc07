package io.vsip4x.portal.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Regression test (issue 11, breaker): the sign-in a shared session keeps in the database carries
 * no password hash, however the person signed in (a password alone, or a password and a UKEY).
 * Java-serialized, the hash would sit in every session row of {@code SPRING_SESSION_ATTRIBUTES}.
 */
class SessionSecretsRegressionTest extends PortalTestSupport {

    private final DeserializingConverter deserializer = new DeserializingConverter(getClass().getClassLoader());

    @Test
    void aPasswordSignInKeepsNoPasswordHashInTheSessionStore() {
        assertNoHashStored(newTenant().requester());
    }

    @Test
    void aPlatformAdminsSignInKeepsNoPasswordHashInTheSessionStore() {
        assertNoHashStored(newPlatformAdmin("hash"));
    }

    private void assertNoHashStored(String username) {
        String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE username = :u").param("u", username)
                .query(String.class).single();
        PageClient pages = signedInPages(username);
        assertThat(pages.get("/requests").uri().getPath()).as("signed in").isEqualTo("/requests");

        byte[] stored = jdbc.sql("""
                SELECT A.ATTRIBUTE_BYTES
                  FROM SPRING_SESSION_ATTRIBUTES A
                  JOIN SPRING_SESSION S ON S.PRIMARY_ID = A.SESSION_PRIMARY_ID
                 WHERE S.SESSION_ID = :id AND A.ATTRIBUTE_NAME = 'SPRING_SECURITY_CONTEXT'""")
                .param("id", sessionIdOf(pages)).query(byte[].class).single();
        SecurityContext context = (SecurityContext) deserializer.convert(stored);
        assertThat(((UserDetails) context.getAuthentication().getPrincipal()).getPassword()).isNull();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(hash);
    }

    private static String sessionIdOf(PageClient page) {
        CookieManager cookies = (CookieManager) page.http().cookieHandler().orElseThrow();
        return TestSessions.idOf(cookies.getCookieStore().get(URI.create(page.base())).stream()
                .filter(c -> c.getName().equals("JSESSIONID")).map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("No session cookie")));
    }
}
