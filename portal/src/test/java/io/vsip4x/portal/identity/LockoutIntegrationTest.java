package io.vsip4x.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.TestClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** Failed sign-ins lock an account for a while; a security admin's lock lasts until they unlock it. */
class LockoutIntegrationTest extends AccountTestSupport {

    @Autowired
    TestClock clock;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void fiveFailedSignInsLockTheAccountForFifteenMinutesEvenWithTheRightPassword() {
        TestTenant t = newTenant();
        String name = t.requester();
        for (int i = 1; i <= 4; i++) {
            assertThat(statusAs(name, "wrong-password", "/me")).isEqualTo(401);
            assertThat(column(name, "failed_attempts", Integer.class)).isEqualTo(i);
        }
        assertThat(column(name, "locked_until", java.sql.Timestamp.class)).isNull();

        PageClient page = new PageClient(port, "zh-CN");
        HttpResponse<String> fifth = page.signIn(name, "wrong-password");
        assertThat(fifth.uri().toString()).endsWith("/login?locked");
        assertThat(fifth.body()).contains("登录失败次数过多，账户已锁定，请于").contains("之后再试");
        assertThat(column(name, "locked_until", java.sql.Timestamp.class)).isNotNull();

        // Locked: the right password does not help, pages and API say so and until when.
        HttpResponse<String> right = new PageClient(port, "en").signIn(name, PASSWORD);
        assertThat(right.uri().getPath()).isEqualTo("/login");
        assertThat(right.body())
                .containsPattern("locked after too many failed sign-ins; try again after \\d\\d:\\d\\d");
        ResponseEntity<Map<String, Object>> api = send(client(name, PASSWORD, "en"), "GET", "/me", null);
        assertThat(api.getStatusCode().value()).isEqualTo(401);
        assertThat((String) api.getBody().get("detail")).matches(".*try again after \\d\\d:\\d\\d\\.");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE target = :t AND action = 'ACCOUNT_LOCKOUT'")
                .param("t", name).query(Integer.class).single()).isEqualTo(1);

        // Not yet after 14 minutes; after 15 the right password works and the count starts over.
        clock.advance(Duration.ofMinutes(14));
        assertThat(statusAs(name, PASSWORD, "/me")).isEqualTo(401);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(statusAs(name, PASSWORD, "/me")).isEqualTo(200);
        assertThat(column(name, "failed_attempts", Integer.class)).isZero();
        assertThat(column(name, "locked_until", java.sql.Timestamp.class)).isNull();
    }

    @Test
    void aSuccessfulSignInResetsTheCount() {
        TestTenant t = newTenant();
        String name = t.requester();
        for (int i = 0; i < 4; i++) {
            statusAs(name, "wrong-password", "/me");
        }
        assertThat(column(name, "failed_attempts", Integer.class)).isEqualTo(4);
        assertThat(new PageClient(port, "en").signIn(name, PASSWORD).uri().getPath()).isEqualTo("/vms");
        assertThat(column(name, "failed_attempts", Integer.class)).isZero();
        for (int i = 0; i < 4; i++) {
            statusAs(name, "wrong-password", "/me");
        }
        assertThat(statusAs(name, PASSWORD, "/me")).isEqualTo(200);
    }

    @Test
    void anAccountLockedAfterItsLockExpiredStartsCountingAfresh() {
        TestTenant t = newTenant();
        String name = t.requester();
        for (int i = 0; i < 5; i++) {
            statusAs(name, "wrong-password", "/me");
        }
        clock.advance(Duration.ofMinutes(16));
        assertThat(statusAs(name, "wrong-password", "/me")).isEqualTo(401);
        assertThat(column(name, "failed_attempts", Integer.class)).isEqualTo(1);
        assertThat(statusAs(name, PASSWORD, "/me")).isEqualTo(200);
    }

    @Test
    void anAdminLockHoldsUntilUnlockedAndUnlockingEndsALockoutEarly() {
        TestTenant t = newTenant();
        RestClient admin = client(newSecurityAdmin(), PASSWORD, "en");
        long id = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", t.requester())
                .query(Long.class).single();

        send(admin, "POST", "/accounts/" + id + "/lock", null);
        clock.advance(Duration.ofDays(30));
        HttpResponse<String> page = new PageClient(port, "en").signIn(t.requester(), PASSWORD);
        assertThat(page.body()).contains("locked by a security administrator");
        ResponseEntity<Map<String, Object>> api = send(client(t.requester(), PASSWORD, "zh-CN"), "GET", "/me", null);
        assertThat((String) api.getBody().get("detail")).isEqualTo("此账户已被安全管理员锁定，请联系安全管理员解锁。");
        send(admin, "POST", "/accounts/" + id + "/unlock", null);
        assertThat(statusAs(t.requester(), PASSWORD, "/me")).isEqualTo(200);

        // Locked after failed sign-ins, then unlocked by the admin before the while is over.
        clock.reset();
        for (int i = 0; i < 5; i++) {
            statusAs(t.approver(), "wrong-password", "/me");
        }
        long approver = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", t.approver())
                .query(Long.class).single();
        Map<String, Object> shown = admin.get().uri("/accounts/" + approver).retrieve().body(JSON);
        assertThat(shown).containsEntry("failedAttempts", 5).containsEntry("locked", false);
        assertThat(shown.get("lockedUntil")).isNotNull();
        assertThat(statusAs(t.approver(), PASSWORD, "/me")).isEqualTo(401);
        send(admin, "POST", "/accounts/" + approver + "/unlock", null);
        assertThat(statusAs(t.approver(), PASSWORD, "/me")).isEqualTo(200);
    }

    @Test
    void lockingAnAccountEndsItsOpenPageSession() {
        TestTenant t = newTenant();
        RestClient admin = client(newSecurityAdmin(), PASSWORD, "en");
        long id = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", t.requester())
                .query(Long.class).single();
        PageClient page = new PageClient(port, "en");
        assertThat(page.signIn(t.requester(), PASSWORD).uri().getPath()).isEqualTo("/vms");

        send(admin, "POST", "/accounts/" + id + "/lock", null);
        HttpResponse<String> next = page.get("/requests");

        assertThat(next.uri().toString()).endsWith("/login?locked");
        assertThat(next.body()).contains("locked by a security administrator");
        send(admin, "POST", "/accounts/" + id + "/unlock", null);
        assertThat(page.get("/requests").uri().getPath()).isEqualTo("/login");
    }
}
