package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.notifications.NotificationService;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/** The top bar's unread badge in a real browser: it counts a new notification live, without a reload. */
class InboxBrowserTest extends PortalTestSupport {

    /** Without Chromium the test is aborted (reported as skipped), before the portal is made. */
    @RegisterExtension
    static final TestInstancePreConstructCallback CHROMIUM_INSTALLED = (factory, context) -> Browser.assumeInstalled();

    @Autowired
    private NotificationService notifications;

    private Browser browser;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void unreadBadgeUpdatesLiveAndClearsWhenRead() {
        TestTenant t = newTenant();
        long userId = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", t.requester())
                .query(Long.class).single();
        browser = Browser.start(port, Browser.Language.ENGLISH).signIn(t.requester(), PASSWORD);
        browser.awaitLiveStream();
        browser.markPage();
        assertThat(browser.find(By.id("inbox-badge")).isDisplayed()).isFalse();

        notifications.send(userId, "notification.lease.deleted", List.of("vm-live"), "/vms");

        browser.waitUntil(d -> "1".equals(d.findElement(By.id("inbox-badge")).getText()));
        assertThat(browser.stillMarked()).as("the badge changed without a reload").isTrue();

        browser.click(By.id("inbox-link"));
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/inbox"));
        assertThat(browser.find(By.id("inbox-rows")).getText())
                .contains("The grace period of VM vm-live is over; the VM is being deleted.");
        browser.click(By.cssSelector("#inbox-rows button.mark-read"));
        browser.waitUntil(d -> !d.findElement(By.id("inbox-badge")).isDisplayed());
        assertThat(browser.find(By.id("inbox-rows")).getText()).contains("Read");
    }
}
