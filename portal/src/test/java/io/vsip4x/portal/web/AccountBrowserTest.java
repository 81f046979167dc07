package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
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
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** A security admin creates an account in the browser, and its owner signs in with it. */
class AccountBrowserTest extends PortalTestSupport {

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
    void securityAdminCreatesAnAccountThatThenSignsInChangesItsPasswordAndLandsOnItsStartPage() {
        TestTenant t = newTenant();
        String admin = "sam" + UUID.randomUUID().toString().substring(0, 6);
        users.create(admin, PASSWORD, "安全管理员 " + admin, null, Set.of(Role.SECURITY_ADMIN));
        String name = "new" + UUID.randomUUID().toString().substring(0, 6);
        browser = Browser.start(port, Language.CHINESE);

        browser.signIn(admin, PASSWORD);
        browser.click(By.cssSelector("header.topbar nav a[href='/admin/accounts']"));
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("new-account")));
        browser.click(By.id("new-account"));
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("account-form")));
        browser.type(By.id("username"), name);
        browser.type(By.id("displayName"), "浏览器新用户");
        browser.type(By.id("email"), name + "@example.org");
        new Select(browser.find(By.id("tenant"))).selectByValue(t.code());
        assertThat(browser.find(By.id("role-USER")).isSelected()).isTrue();
        new Select(browser.find(By.id("mustChangePassword"))).selectByValue("true");
        browser.find(By.id("save-account")).click();

        String password = browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("generated-password")))
                .getText();
        assertThat(password).hasSizeGreaterThanOrEqualTo(16);
        assertThat(browser.find(By.tagName("main")).getText()).contains("此密码仅显示这一次");

        // The list finds it as the name is typed, without reloading the page.
        browser.open("/admin/accounts");
        browser.markPage();
        browser.type(By.id("q"), name);
        browser.waitUntil(d -> browser.ids("#account-rows tbody tr[id]").equals(List.of("account-" + name)));
        assertThat(browser.stillMarked()).as("the list was not reloaded").isTrue();
        assertThat(browser.find(By.id("account-" + name)).getText()).contains("浏览器新用户", t.code(), "用户");
        browser.signOut();

        browser.signIn(name, password);
        assertThat(browser.path()).isEqualTo("/account/password");
        assertThat(browser.find(By.id("must-change")).getText()).isEqualTo("请先设置新密码，然后再继续。");
        browser.type(By.id("currentPassword"), password);
        browser.type(By.id("newPassword"), "Browser-chosen-1");
        browser.type(By.id("confirmPassword"), "Browser-chosen-1");
        browser.find(By.id("change-password")).click();

        browser.waitUntil(ExpectedConditions.urlMatches("/vms$"));
        assertThat(browser.find(By.cssSelector("header.topbar .user")).getText())
                .isEqualTo("浏览器新用户 (" + name + ")");
        browser.open("/requests/new");
        assertThat(browser.path()).isEqualTo("/requests/new");
    }
}
