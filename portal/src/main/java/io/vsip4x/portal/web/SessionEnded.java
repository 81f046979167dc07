package io.vsip4x.portal.web;

/**
 * Published on every node (as a Spring application event) when an HTTP session ended on any node,
 * once that node's signal arrives through {@code live_event}: features holding long-lived
 * connections of the session (consoles) end them.
 *
 * @param sessionHash the {@link SessionHash} of the session's id
 * @param expired     {@code true} when it ran out of time, {@code false} when a request ended it
 *                    (signing out, a locked account's session closed)
 */
public record SessionEnded(String sessionHash, boolean expired) {
}
