package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.web.Browser.Language;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The approver's queue in a real browser: deciding on several requests at once. */
class ApprovalQueueBrowserTest extends PortalTestSupport {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Without Chromium each test is aborted before the portal is made (see {@link BrowserFlowTest}). */
    @RegisterExtension
    static final TestInstancePreConstructCallback CHROMIUM_INSTALLED = (factory, context) -> Browser.assumeInstalled();

    private Browser desk;

    /** When the test fails, what the browser showed. */
    @RegisterExtension
    final AfterTestExecutionCallback failureScreenshot = context -> {
        if (context.getExecutionException().isPresent() && desk != null) {
            desk.screenshot(SCREENSHOTS.resolve("failed-" + context.getRequiredTestMethod().getName() + ".png"));
        }
    };

    @AfterEach
    void quitBrowser() {
        if (desk != null) {
            desk.close();
        }
    }

    @Test
    void approverSelectsSeveralRequestsApprovesThemAtOnceAndTheyLeaveTheQueue() {
        TestTenant t = newTenant();
        long first = submit(t.requester(), smallRequest(1));
        long second = submit(t.requester(), smallRequest(1));
        long untouched = submit(t.requester(), smallRequest(1));

        desk = Browser.start(port, Language.ENGLISH);
        desk.signIn(t.approver(), PASSWORD).open("/approvals");
        desk.awaitLiveStream();
        assertThat(desk.find(By.id("approval-" + first)).getText()).contains(t.requester());
        assertThat(desk.find(By.cssSelector("#approval-" + first + " td.capacity")).getText())
                .startsWith("enough room");

        desk.click(By.cssSelector("#approval-" + first + " input.select"));
        desk.click(By.cssSelector("#approval-" + second + " input.select"));
        desk.click(By.id("approve-selected"));

        desk.waitUntil(ExpectedConditions.numberOfElementsToBe(By.id("approval-" + first), 0));
        desk.waitUntil(ExpectedConditions.numberOfElementsToBe(By.id("approval-" + second), 0));
        // Each selected request is listed as decided, and the live refresh keeps them among the decided.
        for (long id : new long[] {first, second}) {
            desk.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("outcome-" + id),
                    "Request #" + id + ": Approved"));
            desk.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("decided-" + id)));
        }
        desk.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("approval-" + untouched)));
        assertThat((String) request(t.requester(), first).get("state")).isIn("APPROVED", "COMPLETED");
        assertThat((String) request(t.requester(), untouched).get("state")).isEqualTo("PENDING");
        desk.screenshot(SCREENSHOTS.resolve("approvals-bulk.png"));
    }
}
