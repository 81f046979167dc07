package io.vsip4x.portal.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Notifications by e-mail, received by an in-process SMTP server on loopback (the test
 * profile's {@code spring.mail.host} and port): in each recipient's language when e-mail is
 * enabled, nothing when it is not, and a mail server that is down fails nobody's action.
 */
class NotificationMailIntegrationTest extends PortalTestSupport {

    private static final int SMTP_PORT = 39025;

    @Autowired
    private NotificationService notifications;
    @Autowired
    private MailNotifier mail;

    private GreenMail smtp;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        mail.setEnabled(false);
        smtp.stop();
    }

    @Test
    void mailArrivesInTheRecipientsLanguageOnlyWhenEnabled() throws Exception {
        TestTenant t = newTenant();
        long zhUser = withEmail(t.requester(), "zh-user@example.test");
        long enUser = withEmail(t.approver(), "en-user@example.test");
        new PageClient(port, "zh-CN").signIn(t.requester(), PASSWORD);
        new PageClient(port, "en-US,en;q=0.9").signIn(t.approver(), PASSWORD);

        mail.setEnabled(false);
        notifications.send(zhUser, "notification.lease.deleted", List.of("vm-quiet"), "/vms");
        mail.setEnabled(true);
        notifications.send(zhUser, "notification.lease.deleted", List.of("vm-zh"), "/vms");
        notifications.send(enUser, "notification.lease.deleted", List.of("vm-en"), "/vms");

        await().atMost(PATIENCE).until(() -> smtp.getReceivedMessages().length >= 2);
        Map<String, MimeMessage> byRecipient = Arrays.stream(smtp.getReceivedMessages())
                .collect(Collectors.toMap(NotificationMailIntegrationTest::recipient, m -> m));
        assertThat(byRecipient).containsOnlyKeys("zh-user@example.test", "en-user@example.test");

        MimeMessage zh = byRecipient.get("zh-user@example.test");
        assertThat(zh.getSubject()).isEqualTo("Vsip4x 自助门户通知");
        assertThat(body(zh)).contains("虚拟机 vm-zh 的租期已过宽限期，正在删除。").doesNotContain("vm-quiet");
        MimeMessage en = byRecipient.get("en-user@example.test");
        assertThat(en.getSubject()).isEqualTo("Vsip4x self-service portal notification");
        assertThat(body(en)).contains("The grace period of VM vm-en is over; the VM is being deleted.");
        assertThat(unread(zhUser)).as("the inbox keeps every notification, e-mailed or not").isEqualTo(2);
    }

    @Test
    void aMailServerThatIsDownFailsNobodysActionAndTheInboxKeepsIt() {
        TestTenant t = newTenant();
        long user = withEmail(t.requester(), "down@example.test");
        smtp.stop();
        mail.setEnabled(true);

        notifications.send(user, "notification.lease.deleted", List.of("vm-down"), "/vms");

        assertThat(unread(user)).isEqualTo(1);
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        notifications.send(user, "notification.lease.deleted", List.of("vm-up"), "/vms");
        await().atMost(PATIENCE).until(() -> smtp.getReceivedMessages().length >= 1);
        assertThat(unread(user)).isEqualTo(2);
    }

    private long withEmail(String username, String email) {
        jdbc.sql("UPDATE app_user SET email = :e WHERE username = :u").param("e", email).param("u", username)
                .update();
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).single();
    }

    private int unread(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM notification WHERE user_id = :u AND read_at IS NULL")
                .param("u", userId).query(Integer.class).single();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static String body(MimeMessage message) throws IOException, MessagingException {
        return message.getContent().toString();
    }
}
