package io.vsip4x.portal.notifications;

import java.time.Instant;

/**
 * A notification as the inbox shows it.
 *
 * @param text      the text in the reader's language
 * @param link      a path in the portal, or {@code null}
 * @param read      whether its reader marked it read
 */
public record NotificationView(long id, String messageKey, String text, String link, Instant createdAt,
        boolean read) {
}
