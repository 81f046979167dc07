package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.identity.ukey.UkeyBindings;
import io.vsip4x.portal.web.Browser.Language;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The UKEY pages a newcomer found crooked at 1280 px, in both languages: the sign-in policy's
 * checkbox beside its label and Save, the bindings' dates and serials on one line each with the
 * whole revoke reason box to see, account suggestions, and a person's own keys' status column.
 */
class UkeyBindingLayoutBrowserTest extends PortalTestSupport {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String OVERFLOW = "return document.documentElement.scrollWidth"
            + " - document.documentElement.clientWidth;";
    /** How many lines the text of each element matched by arguments[0] takes. */
    private static final String LINES = "return Array.from(document.querySelectorAll(arguments[0])).map(e => {"
            + "const r = document.createRange(); r.selectNodeContents(e);"
            + "return new Set(Array.from(r.getClientRects()).filter(b => b.width > 0)"
            + ".map(b => Math.round(b.top))).size; });";

    @RegisterExtension
    static final TestInstancePreConstructCallback CHROMIUM_INSTALLED = (factory, context) -> Browser.assumeInstalled();

    @Autowired
    UkeyBindings bindings;

    private Browser browser;

    @RegisterExtension
    final AfterTestExecutionCallback failureScreenshot = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            String name = context.getRequiredTestMethod().getName() + context.getDisplayName().replaceAll("\\W", "");
            browser.screenshot(SCREENSHOTS.resolve("failed-" + name + ".png"));
        }
    };

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void policyRowsKeepTheCheckboxBesideItsLabelAndSave(Language language) {
        String admin = securityAdmin();
        browser = Browser.start(port, language);
        browser.signIn(admin, PASSWORD).open("/admin/sign-in-policy");
        browser.find(By.id("policy-rows"));
        browser.screenshot(SCREENSHOTS.resolve("ukey-policy-" + language + ".png"));

        assertThat(((Number) browser.script(OVERFLOW)).intValue()).isLessThanOrEqualTo(0);
        // In every row the select, the checkbox, its label and Save share one line.
        @SuppressWarnings("unchecked")
        List<Boolean> oneLine = (List<Boolean>) browser.script("return Array.from(document.querySelectorAll("
                + "'.policy-form')).map(f => { const r = ['select', 'input[type=checkbox]', 'label.check span',"
                + "'button'].map(s => f.querySelector(s).getBoundingClientRect());"
                + "return Math.max(...r.map(b => b.top)) < Math.min(...r.map(b => b.bottom)); });");
        assertThat(oneLine).isNotEmpty().containsOnly(true);
        @SuppressWarnings("unchecked")
        List<Boolean> beside = (List<Boolean>) browser.script("return Array.from(document.querySelectorAll("
                + "'.policy-form')).map(f => { const box = f.querySelector('input[type=checkbox]')"
                + ".getBoundingClientRect(); const text = f.querySelector('label.check span').getBoundingClientRect();"
                + "return box.width < 30 && text.left - box.right < 20; });");
        assertThat(beside).containsOnly(true);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void bindingsShowDatesAndSerialsOnOneLineAndTheWholeReasonBox(Language language) {
        String admin = securityAdmin();
        TestTenant t = newTenant();
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        long active = bindings.bind(accountId(t.requester()), "SIM-UK-LAYOUT-" + suffix, "证书用户 " + suffix,
                "pu-layout-" + suffix, "办公室里的第二把钥匙", null);
        long revoked = bindings.bind(accountId(t.approver()), "SIM-UK-OLD-" + suffix, "旧证书 " + suffix,
                "pu-old-" + suffix, "", null);
        bindings.revoke(revoked, null, "钥匙遗失，已补发新钥匙");
        // Long names without a space anywhere, as other departments' accounts may have.
        bindings.bind(accountId(t.approver()), "SIM-UK-LONG-" + suffix, "certificate-user-" + "x".repeat(80) + suffix,
                "platform-user-" + "y".repeat(44) + suffix, "note-" + "z".repeat(90), null);
        browser = Browser.start(port, language);
        browser.signIn(admin, PASSWORD).open("/admin/ukeys");
        browser.find(By.id("ukey-binding-" + active));
        browser.script("document.getElementById('ukey-bindings').scrollIntoView();");
        browser.screenshot(SCREENSHOTS.resolve("ukey-bindings-" + language + ".png"));

        assertThat(((Number) browser.script(OVERFLOW)).intValue()).isLessThanOrEqualTo(0);
        assertThat(lines("#ukey-bindings td.when")).isNotEmpty().containsOnly(1L);
        assertThat(lines("#ukey-bindings td.serial")).isNotEmpty().containsOnly(1L);
        assertThat(lines("#ukey-bindings td.ukey-state .state")).isNotEmpty()
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
        // The reason box shows its whole placeholder, and the table stays inside the page.
        assertThat((Boolean) browser.script("const i = document.getElementById('ukey-reason-' + arguments[0]);"
                + "const s = getComputedStyle(i); const c = document.createElement('canvas').getContext('2d');"
                + "c.font = s.font; const inner = i.clientWidth - parseFloat(s.paddingLeft)"
                + " - parseFloat(s.paddingRight); return c.measureText(i.placeholder).width <= inner;", active))
                .as("the reason's placeholder fits its box").isTrue();
        assertThat((Boolean) browser.script("const t = document.querySelector('#ukey-bindings table')"
                + ".getBoundingClientRect(); const m = document.querySelector('main');"
                + "return t.right <= m.getBoundingClientRect().right - parseFloat(getComputedStyle(m).paddingRight)"
                + " + 1;")).as("the table inside the page's column").isTrue();
        // The account field suggests the accounts a key may be bound to, not the admin's own.
        assertThat(browser.find(By.id("username")).getDomAttribute("list")).isEqualTo("ukey-usernames");
        @SuppressWarnings("unchecked")
        List<String> suggested = (List<String>) browser.script("return Array.from(document.querySelectorAll("
                + "'#ukey-usernames option')).map(o => o.value);");
        assertThat(suggested).contains(t.requester(), t.approver()).doesNotContain(admin);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void ownKeysKeepTheirStatusReadable(Language language) {
        TestTenant t = newTenant();
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        long old = bindings.bind(accountId(t.requester()), "SIM-UK-MINE-" + suffix, "我的证书 " + suffix,
                "pu-mine-" + suffix, "旧的", null);
        bindings.revoke(old, null, "换了新钥匙");
        bindings.bind(accountId(t.requester()), "SIM-UK-NEW-" + suffix, "我的新证书 " + suffix,
                "pu-new-" + suffix, "新的", null);
        browser = Browser.start(port, language);
        browser.signIn(t.requester(), PASSWORD).open("/account/ukeys");
        browser.find(By.id("own-ukey-" + old));
        browser.screenshot(SCREENSHOTS.resolve("ukey-own-" + language + ".png"));

        assertThat(((Number) browser.script(OVERFLOW)).intValue()).isLessThanOrEqualTo(0);
        assertThat(lines("#own-ukeys td.when")).isNotEmpty().containsOnly(1L);
        assertThat(lines("#own-ukeys td.serial")).isNotEmpty().containsOnly(1L);
        // The status ("revoked on …" and the reason) takes at most a few lines, never one per character.
        assertThat(lines("#own-ukeys td.ukey-state")).isNotEmpty()
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3));
        assertThat(((Number) browser.script("return document.querySelector('#own-ukeys td.ukey-state')"
                + ".getBoundingClientRect().width;")).doubleValue()).isGreaterThan(120);
    }

    private String securityAdmin() {
        String admin = "sal" + UUID.randomUUID().toString().substring(0, 6);
        users.create(admin, PASSWORD, "安全管理员 " + admin, null, Set.of(Role.SECURITY_ADMIN));
        ukeyFor(admin);
        return admin;
    }

    private long accountId(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).single();
    }

    @SuppressWarnings("unchecked")
    private List<Long> lines(String selector) {
        return (List<Long>) browser.script(LINES, selector);
    }
}
