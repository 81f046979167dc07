package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.web.Browser.Language;
import io.vsip4x.simulator.ukey.IssuedUkey;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A security admin binds the UKEY inserted into their computer to a person in the browser, reading
 * its serial and certificate user through the local middleware, then revokes the binding.
 */
class UkeyBindingBrowserTest extends PortalTestSupport {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Without Chromium the test is aborted (reported as skipped) before the portal starts. */
    @RegisterExtension
    static final TestInstancePreConstructCallback CHROMIUM_INSTALLED = (factory, context) -> Browser.assumeInstalled();

    private Browser browser;

    @RegisterExtension
    final AfterTestExecutionCallback failureScreenshot = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            browser.screenshot(SCREENSHOTS.resolve("failed-" + context.getRequiredTestMethod().getName() + ".png"));
        }
    };

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void securityAdminBindsTheKeyInsertedHereToAPersonAndRevokesIt() {
        TestTenant t = newTenant();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String admin = "sab" + suffix;
        users.create(admin, PASSWORD, "安全管理员 " + admin, null, Set.of(Role.SECURITY_ADMIN));
        ukeyFor(admin);
        // The new key, as the person's card arrived from the platform's CA: inserted into this computer.
        IssuedUkey card = simulator.simulator().issueUkey("卡" + suffix, "BR-" + suffix.toUpperCase(),
                "bpu-" + suffix, "浏览器用户");
        browser = Browser.start(port, Language.CHINESE);

        browser.signIn(admin, PASSWORD);
        browser.click(By.cssSelector("header.topbar nav a[href='/admin/ukeys']"));
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("ukey-bind-form")));
        // The header's links, two more for security admins, still fit on one line.
        assertThat((Boolean) browser.script("const r = Array.from(document.querySelectorAll("
                + "'header.topbar .nav a')).map(a => a.getBoundingClientRect());"
                + "return Math.max(...r.map(b => b.top)) < Math.min(...r.map(b => b.bottom));")).isTrue();
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth"
                + " - document.documentElement.clientWidth;")).intValue()).isLessThanOrEqualTo(0);
        browser.click(By.id("ukey-read"));
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("ukey-read-status"), "找到"));
        WebElement inserted = browser.find(By.id("ukey-inserted"));
        WebElement status = browser.find(By.id("ukey-read-status"));
        if (inserted.isDisplayed()) {
            // Several keys: the page asks to choose one, and fills nothing until then.
            assertThat(status.getText()).contains("请选择一个，以填入其序列号和证书用户");
            assertThat(browser.find(By.id("sid")).getDomProperty("value")).isEmpty();
            Select keys = new Select(inserted);
            keys.getOptions().stream().filter(o -> o.getText().contains(card.sid())).findFirst()
                    .orElseThrow(() -> new AssertionError("the middleware does not list " + card.sid())).click();
            assertThat(status.getText()).contains("已填入", card.sid());
        } else {
            assertThat(status.getText()).contains("已填入它的序列号和证书用户");
        }
        assertThat(browser.find(By.id("sid")).getDomProperty("value")).isEqualTo(card.sid());
        assertThat(browser.find(By.id("certUser")).getDomProperty("value")).isEqualTo(card.certUser());
        browser.type(By.id("username"), t.requester());
        browser.type(By.id("platformUserId"), card.userId());
        browser.type(By.id("label"), "新发卡");
        browser.find(By.id("ukey-bind")).click();

        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("ukey-notice")));
        long id = jdbc.sql("SELECT id FROM ukey_binding WHERE sid = :s AND revoked_at IS NULL")
                .param("s", card.sid()).query(Long.class).single();
        assertThat(browser.find(By.id("ukey-binding-" + id)).getText())
                .contains(t.requester(), card.sid(), card.certUser(), card.userId(), "新发卡", "从未使用", "有效");

        // Revoking asks first, then the table changes without leaving the page.
        browser.markPage();
        browser.type(By.id("ukey-reason-" + id), "测试吊销");
        browser.click(By.id("ukey-revoke-button-" + id));
        assertThat(browser.acceptConfirmation()).contains("确定吊销 UKEY " + card.sid());
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("ukey-revoked-notice")));
        assertThat(browser.stillMarked()).as("the page was not reloaded").isTrue();
        assertThat(browser.find(By.id("ukey-binding-" + id)).getText()).contains("已于", "吊销", "测试吊销");
        assertThat(browser.findAll(By.id("ukey-revoke-" + id))).isEmpty();
        assertThat(jdbc.sql("SELECT revoke_reason FROM ukey_binding WHERE id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("测试吊销");
    }
}
