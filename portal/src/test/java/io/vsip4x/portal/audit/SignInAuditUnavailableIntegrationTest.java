package io.vsip4x.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Signing in while the audit log refuses the account's events: the sign-in does not take effect
 * and the page says why; wrong passwords are still counted, so the lockout still protects.
 */
class SignInAuditUnavailableIntegrationTest extends PortalTestSupport {

    private static final String TRIGGER = "audit_event_refused_in_sign_in_test";

    @AfterEach
    void dropTrigger() {
        jdbc.sql("DROP TRIGGER IF EXISTS " + TRIGGER).update();
    }

    @Test
    void aSignInWhoseEventCannotBeStoredLeavesNobodySignedIn() {
        TestTenant t = newTenant();
        refuseEventsOf(t.requester());
        PageClient zh = new PageClient(port, "zh-CN");

        HttpResponse<String> landed = zh.signIn(t.requester(), PASSWORD);

        assertThat(landed.uri().toString()).endsWith("/login?unrecorded");
        assertThat(landed.body()).contains("未能登录：审计日志暂时无法写入");
        assertThat(zh.get("/vms").uri().getPath()).as("not signed in").isEqualTo("/login");

        jdbc.sql("DROP TRIGGER " + TRIGGER).update();
        PageClient en = new PageClient(port, "en");
        assertThat(en.signIn(t.requester(), PASSWORD).uri().getPath()).isNotEqualTo("/login");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :a AND action = 'SIGN_IN' "
                + "AND result = 'SUCCESS'").param("a", t.requester()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void wrongPasswordsAreCountedAndLockTheAccountWhileEventsCannotBeStored() {
        TestTenant t = newTenant();
        refuseEventsOf(t.requester());
        PageClient page = new PageClient(port, "en");

        for (int i = 0; i < 5; i++) {
            assertThat(page.signIn(t.requester(), "wrong-password-" + i).uri().getPath()).isEqualTo("/login");
        }

        assertThat(jdbc.sql("SELECT locked_until IS NOT NULL FROM app_user WHERE username = :u")
                .param("u", t.requester()).query(Boolean.class).single()).as("locked").isTrue();
        assertThat(page.signIn(t.requester(), PASSWORD).uri().getPath()).as("the right password, locked")
                .isEqualTo("/login");
    }

    private void refuseEventsOf(String actor) {
        jdbc.sql("""
                CREATE TRIGGER %s BEFORE INSERT ON audit_event FOR EACH ROW
                BEGIN
                    IF NEW.actor = '%s' THEN
                        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit events refused by the test';
                    END IF;
                END""".formatted(TRIGGER, actor)).update();
    }
}
