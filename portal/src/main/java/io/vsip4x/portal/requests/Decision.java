package io.vsip4x.portal.requests;

import java.time.Instant;

/**
 * A decision taken on a request.
 *
 * @param kind    {@code APPROVED}, {@code REJECTED}, {@code INSUFFICIENT} or {@code FAILED}
 * @param code    the platform code recorded with it (2100, 2101, …), or {@code null}
 * @param actor   who took it, or {@code null} when the platform's answer did
 * @param comment the reason given, or the platform's text
 */
public record Decision(String kind, String code, String actor, String comment, Instant at) {
}
