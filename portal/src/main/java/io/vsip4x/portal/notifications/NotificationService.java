package io.vsip4x.portal.notifications;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells people things. A notification is a message key with arguments (so each person reads it
 * in their own language) and a link into the portal; it joins the caller's transaction, so it
 * exists exactly when what it tells of happened.
 */
@Service
public class NotificationService {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    NotificationService(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Puts a notification in a person's inbox.
     *
     * @param messageKey the text's message key, under {@code notification.}
     * @param args       the text's arguments, already as text
     * @param link       a path in the portal ({@code /requests/12}), or {@code null}
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void send(long userId, String messageKey, List<String> args, String link) {
        jdbc.sql("""
                INSERT INTO notification (user_id, message_key, args, link)
                VALUES (:user, :key, :args, :link)""")
                .param("user", userId)
                .param("key", messageKey)
                .param("args", json.writeValueAsString(args))
                .param("link", link)
                .update();
    }
}
