package io.vsip4x.portal.audit;

import io.vsip4x.sdk.model.OperateLogEntry;

/**
 * Turns an audit event into the platform's {@code operateLog} record.
 *
 * <ul>
 * <li>{@code username}: the actor; {@code operate}: the action;
 * {@code ipAddress}: the client's address (left out when there was none).</li>
 * <li>{@code resourceId}: the target as the portal stores it. A VM target, or one of no known
 * type, is sent as is, so that the platform's own VM ids match its resources; other types are
 * prefixed with the type ({@code REQUEST:12}, {@code ACCOUNT:alice}) so that they cannot be
 * taken for one.</li>
 * <li>{@code logLevel}: {@code INFO} for a success, {@code WARN} for a refusal ({@code DENIED}),
 * {@code ERROR} for a failure; {@code result}: {@code true} for a success only.</li>
 * <li>{@code content}: one readable line, {@code event=<id> seq=<seq> time=... tenant=... role=...
 * target=TYPE:id correlation=... params=... code=... message=...}, fields without a value left
 * out, clipped to {@link #MAX_CONTENT} characters without splitting a character. The portal's
 * event id lets the platform's side recognise a record sent twice.</li>
 * </ul>
 */
final class OperateLogRecords {

    /** The longest {@code content} sent, in UTF-16 units. */
    static final int MAX_CONTENT = 2000;
    private static final String ELLIPSIS = "…";

    private OperateLogRecords() {
    }

    /** The record of {@code event}, sealed as link {@code seq} of the chain. */
    static OperateLogEntry of(AuditEntry event, long seq) {
        return OperateLogEntry.of(event.actor(), resourceId(event), event.action(), content(event, seq),
                event.clientAddr(), logLevel(event.result()), AuditService.SUCCESS.equals(event.result()));
    }

    static String resourceId(AuditEntry event) {
        String target = event.target();
        if (target == null || event.targetType() == null || "VM".equals(event.targetType())) {
            return target;
        }
        return event.targetType() + ":" + target;
    }

    static String logLevel(String result) {
        if (AuditService.SUCCESS.equals(result)) {
            return "INFO";
        }
        return AuditService.FAILURE.equals(result) ? "ERROR" : "WARN";
    }

    static String content(AuditEntry event, long seq) {
        StringBuilder line = new StringBuilder();
        line.append("event=").append(event.id()).append(" seq=").append(seq)
                .append(" time=").append(event.occurredAt());
        field(line, "tenant", event.tenantCode());
        field(line, "role", event.role());
        if (event.target() != null) {
            field(line, "target", event.targetType() == null ? event.target()
                    : event.targetType() + ":" + event.target());
        }
        field(line, "correlation", event.correlationId());
        field(line, "result", event.result());
        field(line, "code", event.code());
        field(line, "params", event.params());
        field(line, "message", event.message());
        return clip(line.toString(), MAX_CONTENT);
    }

    private static void field(StringBuilder line, String name, String value) {
        if (value != null && !value.isEmpty()) {
            line.append(' ').append(name).append('=').append(value);
        }
    }

    /** {@code text} cut to at most {@code max} UTF-16 units, never inside a surrogate pair. */
    static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }
}
