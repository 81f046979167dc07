package io.vsip4x.portal.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The inbox through the API and its page: newest first, in the reader's language, unread count, read marks. */
class InboxIntegrationTest extends PortalTestSupport {

    @Autowired
    private NotificationService notifications;

    @Test
    void inboxListsNewestFirstInTheReadersLanguageAndMarksRead() {
        TestTenant t = newTenant();
        long userId = userId(t.requester());
        notifications.send(userId, "notification.lease.warning", List.of("vm-a", "2026-12-10 10:00 +08:00"), "/vms");
        notifications.send(userId, "lease.deleted", List.of("vm-b"), "/vms");

        Map<String, Object> inbox = get(t.requester(), "/notifications");
        assertThat(inbox).containsEntry("unread", 2);
        List<Map<String, Object>> items = items(inbox);
        assertThat(items).extracting(n -> n.get("messageKey"))
                .containsExactly("notification.lease.deleted", "notification.lease.warning");
        assertThat(items.get(0)).containsEntry("text", "The grace period of VM vm-b is over; the VM is being deleted.")
                .containsEntry("link", "/vms").containsEntry("read", false);
        assertThat(items.get(1).get("text").toString()).contains("vm-a").contains("2026-12-10 10:00 +08:00");
        assertThat(get(t.approver(), "/notifications")).containsEntry("unread", 0);
        assertThat(items(get(t.approver(), "/notifications"))).isEmpty();

        long older = ((Number) items.get(1).get("id")).longValue();
        assertThat(post(t.approver(), "/notifications/" + older + "/read", null).getStatusCode().value())
                .as("another person's notification").isEqualTo(404);
        assertThat(get(t.requester(), "/notifications/unread-count")).containsEntry("unread", 2);
        assertThat(post(t.requester(), "/notifications/" + older + "/read", null).getBody())
                .containsEntry("unread", 1);
        assertThat(get(t.requester(), "/notifications/unread-count")).containsEntry("unread", 1);

        PageClient zh = new PageClient(port, "zh-CN");
        zh.signIn(t.requester(), PASSWORD);
        String page = zh.get("/inbox").body();
        assertThat(page).contains("虚拟机 vm-b 的租期已过宽限期，正在删除。").contains("data-unread=\"1\"")
                .contains("id=\"notification-" + older + "\" data-read=\"true\" class=\"read\"");
        assertThat(page.indexOf("vm-b")).as("newest first").isLessThan(page.indexOf("vm-a"));

        String after = zh.postForm("/inbox/read-all", "_csrf=" + PageClient.enc(PageClient.csrfOf(page))).body();
        assertThat(after).contains("data-unread=\"0\"").doesNotContain("class=\"unread\"");
        assertThat(get(t.requester(), "/notifications/unread-count")).containsEntry("unread", 0);

        List<String> audited = jdbc.sql(
                        "SELECT action FROM audit_event WHERE actor = :u AND action LIKE 'NOTIFICATION%'")
                .param("u", t.requester()).query(String.class).list();
        assertThat(audited).containsExactlyInAnyOrder("NOTIFICATION_READ", "NOTIFICATION_READ_ALL");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> inbox) {
        return (List<Map<String, Object>>) inbox.get("items");
    }

    private long userId(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).single();
    }
}
