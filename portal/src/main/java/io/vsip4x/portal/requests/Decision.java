package io.vsip4x.portal.requests;

import java.time.Instant;

/**
 * A decision taken on a request, or a step of its workflow.
 *
 * @param kind       {@code APPROVED}, {@code REJECTED}, {@code CHANGES_REQUESTED}, {@code RESUBMITTED},
 *                   {@code WITHDRAWN}, {@code INSUFFICIENT} or {@code FAILED}
 * @param code       the platform code recorded with it (2100, 2101, …), or {@code null}
 * @param actor      who took it, or {@code null} when a rule, a time-out or the platform's answer did
 * @param comment    the reason given, or the platform's text
 * @param levelNo    the approval level it decided, or {@code null}
 * @param onBehalfOf whom a deputy stood in for, or {@code null}
 */
public record Decision(String kind, String code, String actor, String comment, Instant at, Integer levelNo,
        String onBehalfOf) {
}
