package io.vsip4x.portal.admin.hosts;

import io.vsip4x.portal.platform.Operation;
import io.vsip4x.portal.platform.OperationReasons;
import io.vsip4x.portal.platform.OperationState;
import io.vsip4x.portal.web.PlatformCodes;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The platform's host codes (3000 to 3027, and 9004) explained in the reader's language by the
 * keys {@code admin.hosts.code.<code>}; another code by the spec's text. The reasons the operation
 * queue writes itself are explained by keys of their own; no other stored text (the platform's
 * free text) is ever looked up as a key or shown as it was stored.
 */
@Component
class HostCodes {

    /** What a platform result code looks like; nothing else is looked up. */
    private static final Pattern CODE = Pattern.compile("\\d{1,6}");
    /** The operation queue's own reasons, by the key that explains them on the host pages. */
    private static final Map<String, String> REASONS = Map.of(
            OperationReasons.HOST_TIMED_OUT, "pipeline.operation.hostTimedOut",
            OperationReasons.TIMED_OUT, "pipeline.operation.hostTimedOut",
            OperationReasons.ANSWER_LOST, "admin.hosts.reason.answerLost",
            OperationReasons.HOST_CONFIRMED, "admin.hosts.reason.confirmed");

    private final MessageSource messages;
    private final PlatformCodes platformCodes;

    HostCodes(MessageSource messages, PlatformCodes platformCodes) {
        this.messages = messages;
        this.platformCodes = platformCodes;
    }

    /** What {@code code} means, or {@code null} for none. */
    String text(String code, Locale locale) {
        if (code == null) {
            return null;
        }
        if (!CODE.matcher(code).matches()) {
            return platformCodes.text(code, locale);
        }
        return messages.getMessage("admin.hosts.code." + code, null, platformCodes.text(code, locale), locale);
    }

    /**
     * A power operation as the pages show it: its code explained, else the queue's reason, else
     * for a failed one a general text; never the stored text itself.
     */
    HostDetail.PowerOperation operation(Operation op, Locale locale) {
        return new HostDetail.PowerOperation(op.id(), HostAction.of(op.kind()).path(), op.state().name(),
                op.resultCode(), explanation(op, locale), op.createdAt());
    }

    private String explanation(Operation op, Locale locale) {
        if (op.resultCode() != null) {
            return text(op.resultCode(), locale);
        }
        String key = op.resultInfo() == null ? null : REASONS.get(op.resultInfo());
        if (key == null && op.state() == OperationState.FAILED) {
            key = "admin.hosts.reason.failed";
        }
        return key == null ? null : messages.getMessage(key, null, locale);
    }
}
