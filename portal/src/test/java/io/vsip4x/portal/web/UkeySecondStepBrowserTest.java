package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.TestClock;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.web.Browser.Language;
import io.vsip4x.simulator.ukey.IssuedUkey;
import java.nio.file.Path;
import java.time.Duration;
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
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The second step in Chromium: the page offers the key of the account whose password was given,
 * not the one this browser used last, names the serial to insert when that key is not in the
 * computer, and says so when the step lapses while the page is open.
 */
class UkeySecondStepBrowserTest extends PortalTestSupport {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Without Chromium the test is aborted (reported as skipped) before the portal starts. */
    @RegisterExtension
    static final TestInstancePreConstructCallback CHROMIUM_INSTALLED = (factory, context) -> Browser.assumeInstalled();

    @Autowired
    TestClock clock;

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
            clock.reset();
        } finally {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @Test
    void theStepOffersTheAccountsOwnKeyAndNamesItWhenItIsNotInserted() {
        String auditor = newAuditor();
        IssuedUkey own = ukeyFor(auditor);
        IssuedUkey lastUsed = ukeyFor(newTenant().requester());
        restore = () -> simulator.simulator().insertUkey(own);
        browser = Browser.start(port, Language.CHINESE);
        browser.open("/login");
        // As if this browser had signed in with another person's key before.
        browser.script("window.localStorage.setItem('vsip4x.ukey.sid', arguments[0]);", lastUsed.sid());

        passwordStep(auditor);
        assertThat(keyChosen()).isEqualTo(own.sid());
        assertThat(browser.find(By.id("ukey-status")).getText()).isEmpty();
        assertThat(browser.find(By.id("second-factor-until")).getText()).matches(
                "请在 \\d{2}:\\d{2}:\\d{2} [+-]\\d{2}:\\d{2} 之前用 UKEY 完成登录。");

        simulator.simulator().removeUkey(own.sid());
        browser.click(By.id("ukey-refresh"));
        browser.waitUntil(d -> "loaded".equals(d.findElement(By.id("ukey-panel")).getDomAttribute("data-keys"))
                && !d.findElement(By.id("ukey-status")).getText().isEmpty());
        assertThat(browser.find(By.id("ukey-status")).getText())
                .isEqualTo("请插入序列号为 " + own.sid() + " 的 UKEY，然后点击“刷新”。");
        browser.screenshot(SCREENSHOTS.resolve("ukey-second-factor-insert.png"));

        simulator.simulator().insertUkey(own);
        browser.click(By.id("ukey-refresh"));
        browser.waitUntil(d -> own.sid().equals(new Select(d.findElement(By.id("ukey-key")))
                .getFirstSelectedOption().getDomAttribute("value")));
        assertThat(browser.find(By.id("ukey-status")).getText()).isEmpty();
        browser.type(By.id("ukey-pin"), IssuedUkey.DEMO_PIN);
        browser.find(By.id("ukey-sign-in")).click();
        browser.waitUntil(ExpectedConditions.urlMatches("/audit$"));
    }

    @Test
    void thePageSaysSoWhenTheStepLapsesWhileItIsOpen() {
        String auditor = newAuditor();
        ukeyFor(auditor);
        browser = Browser.start(port, Language.ENGLISH);
        passwordStep(auditor);

        // Three seconds of the step left when the page is shown again.
        clock.advance(Duration.ofMinutes(5).minusSeconds(3));
        browser.open("/login/second-factor");
        assertThat(browser.find(By.id("second-factor-step")).isDisplayed()).isTrue();
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("second-factor-lapsed")));
        assertThat(browser.find(By.id("second-factor-step")).isDisplayed()).isFalse();
        assertThat(browser.find(By.id("second-factor-lapsed")).getText())
                .matches("This sign-in step lapsed at \\d{2}:\\d{2}:\\d{2} [+-]\\d{2}:\\d{2}\\. "
                        + "Enter your password again");
        browser.find(By.id("second-factor-again")).click();
        browser.waitUntil(ExpectedConditions.urlMatches("/login$"));
        assertThat(browser.findAll(By.id("pending-step"))).isEmpty();
    }

    private String newAuditor() {
        String auditor = "aud" + UUID.randomUUID().toString().substring(0, 6);
        users.create(auditor, PASSWORD, "审计员 " + auditor, null, Set.of(Role.AUDITOR));
        return auditor;
    }

    /** Gives the password and waits until the second step has listed the keys. */
    private void passwordStep(String username) {
        browser.open("/login");
        browser.type(By.id("username"), username);
        browser.type(By.id("password"), PASSWORD);
        browser.find(By.id("sign-in")).click();
        browser.waitUntil(ExpectedConditions.urlMatches("/login/second-factor$"));
        browser.waitUntil(d -> "loaded".equals(d.findElement(By.id("ukey-panel")).getDomAttribute("data-keys")));
    }

    private String keyChosen() {
        return new Select(browser.find(By.id("ukey-key"))).getFirstSelectedOption().getDomAttribute("value");
    }
}
