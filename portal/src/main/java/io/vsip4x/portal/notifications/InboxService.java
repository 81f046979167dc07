package io.vsip4x.portal.notifications;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.portal.web.PortalException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A person's inbox: their notifications newest first, what they have not read, marking read. */
@Service
public class InboxService {

    /** The most notifications one page or answer lists. */
    static final int LIMIT = 200;

    private final JdbcClient jdbc;
    private final NotificationText text;
    private final AuditService audit;
    private final LiveUpdates live;

    InboxService(JdbcClient jdbc, NotificationText text, AuditService audit, LiveUpdates live) {
        this.jdbc = jdbc;
        this.text = text;
        this.audit = audit;
        this.live = live;
    }

    /** {@code user}'s newest notifications, newest first, in {@code locale}. */
    @Transactional(readOnly = true)
    public List<NotificationView> list(CurrentUser user, Locale locale) {
        return jdbc.sql("""
                SELECT id, message_key, args, link, created_at, read_at
                  FROM notification
                 WHERE user_id = :user
                 ORDER BY id DESC
                 LIMIT :limit""")
                .param("user", user.id())
                .param("limit", LIMIT)
                .query((rs, n) -> new NotificationView(rs.getLong("id"), rs.getString("message_key"),
                        text.render(rs.getString("message_key"), rs.getString("args"), locale),
                        rs.getString("link"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("read_at") != null))
                .list();
    }

    /** How many of {@code userId}'s notifications are unread. */
    @Transactional(readOnly = true)
    public int unread(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM notification WHERE user_id = :user AND read_at IS NULL")
                .param("user", userId)
                .query(Integer.class)
                .single();
    }

    /**
     * Marks one of {@code user}'s notifications read (again: no change).
     *
     * @throws PortalException 404 when it is not theirs
     */
    @Transactional
    public void markRead(CurrentUser user, long id) {
        boolean theirs = jdbc.sql("SELECT COUNT(*) FROM notification WHERE id = :id AND user_id = :user")
                .param("id", id).param("user", user.id()).query(Integer.class).single() > 0;
        if (!theirs) {
            throw PortalException.notFound("error.notification.notFound", id);
        }
        int changed = jdbc.sql("""
                UPDATE notification SET read_at = :now
                 WHERE id = :id AND user_id = :user AND read_at IS NULL""")
                .param("now", Timestamp.from(Instant.now()))
                .param("id", id).param("user", user.id()).update();
        if (changed > 0) {
            audit.event("NOTIFICATION_READ")
                    .target("NOTIFICATION", "notification:" + id)
                    .record();
            live.publishToUser(user.id(), LiveUpdates.INBOX);
        }
    }

    /** Marks every notification of {@code user} read; returns how many were unread. */
    @Transactional
    public int markAllRead(CurrentUser user) {
        int changed = jdbc.sql("UPDATE notification SET read_at = :now WHERE user_id = :user AND read_at IS NULL")
                .param("now", Timestamp.from(Instant.now()))
                .param("user", user.id()).update();
        if (changed > 0) {
            audit.event("NOTIFICATION_READ_ALL")
                    .target("NOTIFICATION", "user:" + user.username())
                    .params("count=" + changed)
                    .record();
            live.publishToUser(user.id(), LiveUpdates.INBOX);
        }
        return changed;
    }
}
