package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.sessions.TestSessions;
import io.vsip4x.portal.web.Browser.Language;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The browser test of live status: the event stream of an open VM list is cut (every
 * stream closed, {@code /live} refused) while the VM changes state, then restored; the page ends
 * up showing the new state without a reload, and follows later changes live again. A page
 * whose session expires goes to the sign-in page as a whole page.
 */
class LiveStreamBrowserTest extends PortalTestSupport {

    @RegisterExtension
    static final TestInstancePreConstructCallback CHROMIUM_INSTALLED = (factory, context) -> Browser.assumeInstalled();

    @Autowired
    LiveStreamSwitch streams;
    @Autowired
    WebServerApplicationContext context;

    private Browser browser;

    @AfterEach
    void cleanUp() {
        streams.restore();
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aPageWhoseStreamWasCutWhileTheVmStoppedCatchesUpWhenTheStreamReturns() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);

        browser = Browser.start(port, Language.CHINESE);
        browser.signIn(t.requester(), PASSWORD).open("/vms");
        awaitRow(vmId, 1, "运行中");
        browser.awaitLiveStream();
        browser.markPage();

        // The stream goes away (every stream closed, reconnects refused), and the VM stops meanwhile.
        streams.cut();
        browser.waitUntil(d -> Boolean.TRUE.equals(browser.script(
                "return Array.from(document.querySelectorAll('[sse-connect]')).every(function (el) {"
                        + "  var data = el['htmx-internal-data'];"
                        + "  return !data || !data.sseEventSource || data.sseEventSource.readyState !== 1; });")));
        assertThat(post(t.requester(), "/vms/" + vmId + "/shutdown", null).getStatusCode().value()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> {
            Map<String, Object> vm = vm(t.requester(), vmId);
            return Integer.valueOf(0).equals(vm.get("status")) && !(Boolean) vm.get("busy");
        });
        assertThat(browser.find(By.id("vm-" + vmId)).getDomAttribute("data-status"))
                .as("the page missed the change while its stream was cut").isEqualTo("1");

        // The stream comes back: the page catches up by itself, without a reload.
        streams.restore();
        awaitRow(vmId, 0, "已停止");
        assertThat(browser.stillMarked()).as("the VM list was not reloaded").isTrue();
        browser.screenshot(Path.of("target", "screenshots", "vms-caught-up.png"));

        // And it is live again: the next change arrives over the restored stream.
        browser.awaitLiveStream();
        assertThat(post(t.requester(), "/vms/" + vmId + "/start", null).getStatusCode().value()).isEqualTo(202);
        awaitRow(vmId, 1, "运行中");
        assertThat(browser.stillMarked()).as("the VM list was not reloaded").isTrue();
    }

    @Test
    void aPageWhoseSessionExpiresGoesToTheSignInPageAsAWholePage() {
        TestTenant t = newTenant();
        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(t.requester(), PASSWORD).open("/vms");
        browser.awaitLiveStream();

        String session = browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
        TestSessions.expire(context, TestSessions.idOf(session));

        browser.waitUntil(ExpectedConditions.urlContains("/login?expired"));
        assertThat(browser.find(By.id("session-expired")).getText())
                .isEqualTo("Your session has ended; please sign in again.");
        assertThat(browser.driver().findElements(By.cssSelector("header.topbar"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("sign-in"))).hasSize(1);
    }

    private String runningVm(TestTenant t) {
        long id = submit(t.requester(), smallRequest(1));
        assertThat(post(t.approver(), "/requests/" + id + "/approve", null).getStatusCode().value()).isEqualTo(200);
        String vmId = await().atMost(PATIENCE).until(() -> {
            List<?> vmIds = (List<?>) request(t.requester(), id).get("vmIds");
            return vmIds == null || vmIds.isEmpty() ? null : vmIds.get(0).toString();
        }, v -> v != null);
        await().atMost(PATIENCE).until(() -> {
            Map<String, Object> vm = vm(t.requester(), vmId);
            return Integer.valueOf(1).equals(vm.get("status")) && !(Boolean) vm.get("busy");
        });
        return vmId;
    }

    /** Waits until the VM's row shows {@code status} with {@code text} and no work under way. */
    private void awaitRow(String vmId, int status, String text) {
        By row = By.id("vm-" + vmId);
        browser.waitUntil((WebDriver d) -> {
            WebElement tr = d.findElement(row);
            return String.valueOf(status).equals(tr.getDomAttribute("data-status"))
                    && text.equals(tr.findElement(By.cssSelector(".status")).getText())
                    && tr.findElements(By.cssSelector("button")).size() > 0;
        });
    }
}
