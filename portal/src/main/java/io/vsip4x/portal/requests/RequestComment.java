package io.vsip4x.portal.requests;

import java.time.Instant;

/**
 * A comment on a request, by its requester or by an approver.
 *
 * @param author     the author's user name
 * @param authorName the author's display name
 */
public record RequestComment(long id, String author, String authorName, String body, Instant at) {
}
