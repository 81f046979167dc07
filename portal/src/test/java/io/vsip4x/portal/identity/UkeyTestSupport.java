package io.vsip4x.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.TestUkeys;
import io.vsip4x.sdk.ukey.Sm2;
import io.vsip4x.simulator.ukey.IssuedUkey;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the UKEY sign-in tests share: people of each kind, a client's challenge and its signed
 * answer posted as the page's script would, and the audit rows the sign-ins leave.
 */
abstract class UkeyTestSupport extends PortalTestSupport {

    /** A page client in English. */
    PageClient client() {
        return new PageClient(port, "en");
    }

    /** A new account with {@code role} and no tenant (an auditor, say). */
    String person(Role role) {
        String name = role.name().toLowerCase().substring(0, 3) + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(name, PASSWORD, "测试 " + name, null, Set.of(role));
        return name;
    }

    /** A challenge for the client's session, asked from the sign-in page. */
    String challenge(PageClient client) {
        return challenge(client, "/login");
    }

    /** A challenge for the client's session, asked from {@code page} with its CSRF token. */
    String challenge(PageClient client, String page) {
        String csrf = TestUkeys.csrfOf(client.get(page).body());
        return TestUkeys.challenge(client.http(), client.base(), "en", csrf);
    }

    /** The signature of {@code challenge} by {@code key}, as its middleware makes it. */
    static String signed(IssuedUkey key, String challenge) {
        return Sm2.sign(key.privateKey(), challenge.getBytes(StandardCharsets.UTF_8));
    }

    /** Posts a signed challenge as {@code key}'s (the sign-in page's form, from {@code page}). */
    HttpResponse<String> answer(PageClient client, String page, String challenge, IssuedUkey key, String signature) {
        String csrf = TestUkeys.csrfOf(client.get(page).body());
        return client.postForm("/login/ukey", "challenge=" + PageClient.enc(challenge) + "&certUser="
                + PageClient.enc(key.certUser()) + "&sid=" + PageClient.enc(key.sid()) + "&signature="
                + PageClient.enc(signature) + "&_csrf=" + PageClient.enc(csrf));
    }

    /** Signs {@code key} in from the sign-in page with a fresh challenge, signed by itself. */
    HttpResponse<String> signInWith(PageClient client, IssuedUkey key) {
        String challenge = challenge(client);
        return answer(client, "/login", challenge, key, signed(key, challenge));
    }

    /** The client's session id, as its cookie carries it, or {@code null}. */
    static String sessionId(PageClient client) {
        CookieManager cookies = (CookieManager) client.http().cookieHandler().orElseThrow();
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** The refusal a landing page's address names ({@code ?ukey=}), or {@code null}. */
    static String refusal(HttpResponse<String> landed) {
        String query = landed.uri().getQuery();
        return query != null && query.startsWith("ukey=") ? query.substring(5) : null;
    }

    /** Asserts that the client has no signed-in session: the start page sends it to sign in. */
    static void notSignedIn(PageClient client) {
        assertThat(client.get("/").uri().getPath()).isEqualTo("/login");
    }

    /** The audit rows of {@code action} naming {@code target}: actor, result, params, message. */
    List<Map<String, Object>> audit(String action, String target) {
        return jdbc.sql("SELECT actor, result, params, message FROM audit_event WHERE action = :action "
                        + "AND target = :target ORDER BY id")
                .param("action", action).param("target", target)
                .query((rs, n) -> Map.<String, Object>of("actor", String.valueOf(rs.getString(1)),
                        "result", rs.getString(2), "params", String.valueOf(rs.getString(3)),
                        "message", String.valueOf(rs.getString(4))))
                .list();
    }

    /** The key of a new test person of tenant-less role {@code role}, issued but bound to nobody. */
    IssuedUkey unboundKey(String name) {
        return simulator.simulator().issueUkey(name, "U-" + name, "upu-" + name, "无主 " + name);
    }
}
