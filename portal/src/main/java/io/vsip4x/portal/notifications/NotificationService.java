package io.vsip4x.portal.notifications;

import io.vsip4x.portal.web.LiveUpdates;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells people things. A notification is a message key with arguments (so each person reads it
 * in their own language) and a link into the portal; it joins the caller's transaction, so it
 * exists exactly when what it tells of happened. Once that transaction commits, the person's
 * open pages are told (their unread count changes live) and, when e-mail is enabled and they
 * have an address, it is e-mailed to them in the background.
 */
@Service
public class NotificationService {

    private final JdbcClient jdbc;
    private final NotificationText text;
    private final LiveUpdates live;
    private final MailNotifier mail;

    NotificationService(JdbcClient jdbc, NotificationText text, LiveUpdates live, MailNotifier mail) {
        this.jdbc = jdbc;
        this.text = text;
        this.live = live;
        this.mail = mail;
    }

    /**
     * Puts a notification in a person's inbox.
     *
     * @param messageKey the text's message key, under {@code notification.} (for example
     *                   {@code notification.lease.warning}; a key without that prefix gets it)
     * @param args       the text's arguments, already as text
     * @param link       a path in the portal ({@code /requests/12}), or {@code null}
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void send(long userId, String messageKey, List<String> args, String link) {
        String key = NotificationText.fullKey(messageKey);
        jdbc.sql("""
                INSERT INTO notification (user_id, message_key, args, link)
                VALUES (:user, :key, :args, :link)""")
                .param("user", userId)
                .param("key", key)
                .param("args", text.toJson(args))
                .param("link", link)
                .update();
        live.publishToUser(userId, LiveUpdates.INBOX);
        mail.sendAfterCommit(userId, key, args == null ? List.of() : List.copyOf(args), link);
    }
}
