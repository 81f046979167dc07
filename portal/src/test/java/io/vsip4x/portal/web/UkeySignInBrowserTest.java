package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.identity.ukey.SignInMethod;
import io.vsip4x.portal.identity.ukey.SignInPolicies;
import io.vsip4x.portal.identity.ukey.SignInPolicy;
import io.vsip4x.portal.identity.ukey.UkeyRateLimiter;
import io.vsip4x.portal.identity.ukey.UkeyRateLimits;
import io.vsip4x.portal.web.Browser.Language;
import io.vsip4x.simulator.ukey.IssuedUkey;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * UKEY sign-in in Chromium through the simulator's software middleware (issue 8): an auditor's
 * two steps (password, then the key), a person's sign-in on the UKEY tab, a wrong PIN, and a
 * removed key ending the session when the policy says so.
 */
class UkeySignInBrowserTest extends PortalTestSupport {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Without Chromium the test is aborted (reported as skipped) before the portal starts. */
    @RegisterExtension
    static final TestInstancePreConstructCallback CHROMIUM_INSTALLED = (factory, context) -> Browser.assumeInstalled();

    @Autowired
    SignInPolicies policies;
    @Autowired
    UkeyRateLimiter rateLimiter;

    private Browser browser;
    private Runnable restore = () -> { };

    @RegisterExtension
    final AfterTestExecutionCallback failureScreenshot = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            browser.screenshot(SCREENSHOTS.resolve("failed-" + context.getRequiredTestMethod().getName() + ".png"));
        }
    };

    @AfterEach
    void quit() {
        try {
            restore.run();
        } finally {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    void anAuditorSignsInWithPasswordThenUkeyThroughTheSoftwareMiddleware() {
        String auditor = "aud" + UUID.randomUUID().toString().substring(0, 6);
        users.create(auditor, PASSWORD, "审计员 " + auditor, null, Set.of(Role.AUDITOR));
        IssuedUkey key = ukeyFor(auditor);
        browser = Browser.start(port, Language.CHINESE);

        browser.open("/login");
        browser.type(By.id("username"), auditor);
        browser.type(By.id("password"), PASSWORD);
        browser.find(By.id("sign-in")).click();

        browser.waitUntil(ExpectedConditions.urlMatches("/login/second-factor$"));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("第二步：UKEY 验证");
        assertThat(browser.find(By.id("second-factor-intro")).getText())
                .startsWith("审计员 " + auditor + "，密码已验证");
        assertThat(browser.findAll(By.cssSelector("header.topbar"))).as("not signed in yet").isEmpty();
        // The PIN field has no name, and the form the portal receives has no field for it.
        assertThat(browser.find(By.id("ukey-pin")).getDomAttribute("name")).isNull();
        assertThat(browser.findAll(By.cssSelector("#ukey-form input")).stream()
                .map(e -> e.getDomAttribute("name")).toList())
                .containsExactlyInAnyOrder("challenge", "certUser", "sid", "signature", "_csrf");

        browser.chooseUkey(auditor);
        browser.type(By.id("ukey-pin"), IssuedUkey.DEMO_PIN);
        browser.screenshot(SCREENSHOTS.resolve("ukey-second-factor.png"));
        browser.find(By.id("ukey-sign-in")).click();

        browser.waitUntil(ExpectedConditions.urlMatches("/audit$"));
        assertThat(browser.find(By.cssSelector("header.topbar .user")).getText())
                .isEqualTo("审计员 " + auditor + " (" + auditor + ")");
        assertThat(auditActions(auditor)).contains("SECOND_FACTOR_REQUIRED", "UKEY_SIGN_IN");
        assertThat(lastParams(auditor, "UKEY_SIGN_IN")).contains(key.sid()).contains("BOTH");
    }

    @Test
    void aPersonSignsInOnTheUkeyTab() {
        TestTenant t = newTenant();
        ukeyFor(t.requester());
        browser = Browser.start(port, Language.ENGLISH);

        browser.open("/login");
        assertThat(browser.find(By.id("panel-password")).isDisplayed()).isTrue();
        assertThat(browser.find(By.id("panel-ukey")).isDisplayed()).isFalse();
        browser.find(By.id("tab-ukey")).click();
        assertThat(browser.find(By.id("tab-ukey")).getDomAttribute("aria-selected")).isEqualTo("true");
        assertThat(browser.find(By.id("panel-password")).isDisplayed()).isFalse();

        browser.chooseUkey(t.requester());
        browser.type(By.id("ukey-pin"), IssuedUkey.DEMO_PIN);
        browser.find(By.id("ukey-sign-in")).click();

        browser.waitUntil(ExpectedConditions.urlMatches("/vms$"));
        assertThat(browser.find(By.cssSelector("header.topbar .user")).getText()).endsWith("(" + t.requester() + ")");
        assertThat(lastParams(t.requester(), "UKEY_SIGN_IN")).contains("UKEY");
    }

    @Test
    void aWrongPinSaysSoAndTheRightOneStillSignsIn() {
        TestTenant t = newTenant();
        ukeyFor(t.requester());
        browser = Browser.start(port, Language.CHINESE);
        browser.open("/login");
        browser.find(By.id("tab-ukey")).click();
        browser.chooseUkey(t.requester());

        browser.type(By.id("ukey-pin"), "000000");
        browser.find(By.id("ukey-sign-in")).click();

        browser.waitUntil(d -> "error".equals(d.findElement(By.id("ukey-status")).getDomAttribute("data-kind")));
        assertThat(browser.find(By.id("ukey-status")).getText()).isEqualTo("PIN 码错误，还可尝试 4 次。");
        browser.screenshot(SCREENSHOTS.resolve("ukey-wrong-pin.png"));
        assertThat(browser.path()).isEqualTo("/login");
        assertThat(browser.findAll(By.cssSelector("header.topbar"))).isEmpty();
        assertThat(auditActions(t.requester())).doesNotContain("UKEY_SIGN_IN");

        browser.type(By.id("ukey-pin"), IssuedUkey.DEMO_PIN);
        browser.find(By.id("ukey-sign-in")).click();
        browser.waitUntil(ExpectedConditions.urlMatches("/vms$"));
    }

    /** Too many calls from one address: the signed answer's page and the UKEY tab both say so. */
    @Test
    void tooManyAttemptsFromOneAddressAreHeldBackWithAMessage() {
        TestTenant t = newTenant();
        ukeyFor(t.requester());
        UkeyRateLimits usual = rateLimiter.limits();
        rateLimiter.reconfigure(new UkeyRateLimits(1, 1));
        restore = () -> rateLimiter.reconfigure(usual);
        browser = Browser.start(port, Language.ENGLISH);
        browser.open("/login");
        browser.find(By.id("tab-ukey")).click();
        browser.chooseUkey(t.requester());
        browser.type(By.id("ukey-pin"), IssuedUkey.DEMO_PIN);
        // The challenge is the one call allowed; the signed answer is held back.
        browser.find(By.id("ukey-sign-in")).click();

        browser.waitUntil(ExpectedConditions.urlMatches("/login\\?ukey=tooMany$"));
        assertThat(browser.find(By.id("ukey-refused")).getText())
                .isEqualTo("Too many UKEY sign-in attempts from this computer. Wait a minute, then try again.");
        assertThat(browser.findAll(By.cssSelector("header.topbar"))).isEmpty();

        // Now the challenge itself is refused (429): the tab shows the portal's words.
        browser.chooseUkey(t.requester());
        browser.type(By.id("ukey-pin"), IssuedUkey.DEMO_PIN);
        browser.find(By.id("ukey-sign-in")).click();
        browser.waitUntil(d -> "error".equals(d.findElement(By.id("ukey-status")).getDomAttribute("data-kind")));
        assertThat(browser.find(By.id("ukey-status")).getText())
                .isEqualTo("Too many UKEY sign-in attempts from this computer. Wait a minute, then try again.");
        assertThat(auditActions(t.requester())).doesNotContain("UKEY_SIGN_IN");
    }

    @Test
    void removingTheKeyEndsTheSessionWhenThePolicySaysSo() {
        TestTenant t = newTenant();
        IssuedUkey key = ukeyFor(t.requester());
        String tenantKey = Long.toString(t.id());
        policies.set(new SignInPolicy(SignInPolicy.Scope.TENANT, tenantKey, SignInMethod.EITHER, true), null);
        restore = () -> {
            policies.clear(SignInPolicy.Scope.TENANT, tenantKey);
            simulator.simulator().insertUkey(key);
        };
        browser = Browser.start(port, Language.CHINESE);
        browser.signInWithUkey(t.requester());
        browser.waitUntil(ExpectedConditions.urlMatches("/vms$"));
        browser.waitUntil(d -> "present".equals(d.findElement(By.id("ukey-watch")).getDomAttribute("data-state")));

        simulator.simulator().removeUkey(key.sid());

        browser.waitUntil(ExpectedConditions.urlMatches("/login\\?ukey=removed$"));
        assertThat(browser.find(By.id("ukey-refused")).getText()).isEqualTo("UKEY 已从本机拔出，登录会话已结束。");
        browser.open("/vms");
        assertThat(browser.path()).startsWith("/login");
        assertThat(auditActions(t.requester())).contains("UKEY_REMOVED");
    }

    @Test
    void aMiddlewareThatStopsAnsweringEndsTheWatchedSession() {
        TestTenant t = newTenant();
        ukeyFor(t.requester());
        String tenantKey = Long.toString(t.id());
        policies.set(new SignInPolicy(SignInPolicy.Scope.TENANT, tenantKey, SignInMethod.EITHER, true), null);
        restore = () -> policies.clear(SignInPolicy.Scope.TENANT, tenantKey);
        browser = Browser.start(port, Language.ENGLISH);
        browser.signInWithUkey(t.requester());
        browser.waitUntil(d -> "present".equals(d.findElement(By.id("ukey-watch")).getDomAttribute("data-state")));

        // As if the middleware stopped: the page cannot reach it, twice running.
        browser.block(simulator.simulator().ukeyMiddlewareUrl() + "/*");

        browser.waitUntil(ExpectedConditions.urlMatches("/login\\?ukey=removed$"));
        assertThat(browser.find(By.id("ukey-refused")).getText())
                .isEqualTo("The UKEY was removed from this computer, so the session has ended.");
        browser.open("/vms");
        assertThat(browser.path()).startsWith("/login");
    }

    @Test
    void aTwoFactorAccountOnTheUkeyTabIsSentToThePasswordFirst() {
        String auditor = "aud" + UUID.randomUUID().toString().substring(0, 6);
        users.create(auditor, PASSWORD, "审计员 " + auditor, null, Set.of(Role.AUDITOR));
        ukeyFor(auditor);
        browser = Browser.start(port, Language.CHINESE);

        browser.open("/login");
        browser.find(By.id("tab-ukey")).click();
        browser.chooseUkey(auditor);
        browser.type(By.id("ukey-pin"), IssuedUkey.DEMO_PIN);
        browser.find(By.id("ukey-sign-in")).click();

        browser.waitUntil(ExpectedConditions.urlMatches("/login\\?ukey=passwordFirst$"));
        assertThat(browser.find(By.id("ukey-refused")).getText())
                .isEqualTo("此账户需要先输入密码，再用 UKEY 完成第二步。请在“密码登录”中登录。");
        assertThat(browser.find(By.id("panel-password")).isDisplayed()).isTrue();
        assertThat(browser.findAll(By.cssSelector("header.topbar"))).isEmpty();
    }

    @Test
    void aPasswordSessionIsNotWatched() {
        TestTenant t = newTenant();
        browser = Browser.start(port, Language.CHINESE);
        browser.signIn(t.requester(), PASSWORD);
        assertThat(browser.findAll(By.id("ukey-watch"))).isEmpty();
        assertThat(browser.findAll(By.cssSelector("script[src$='ukey-watch.js']"))).isEmpty();
    }

    private List<String> auditActions(String actor) {
        return jdbc.sql("SELECT action FROM audit_event WHERE actor = :actor ORDER BY id")
                .param("actor", actor).query(String.class).list();
    }

    private String lastParams(String actor, String action) {
        return jdbc.sql("SELECT params FROM audit_event WHERE actor = :actor AND action = :action "
                        + "ORDER BY id DESC")
                .param("actor", actor).param("action", action).query(String.class).list().stream()
                .findFirst().orElse("");
    }
}
