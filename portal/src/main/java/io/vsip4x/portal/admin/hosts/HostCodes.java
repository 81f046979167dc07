package io.vsip4x.portal.admin.hosts;

import io.vsip4x.portal.platform.Operation;
import io.vsip4x.portal.web.PlatformCodes;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The platform's host codes (3000 to 3027, and 9004) explained in the reader's language by the
 * keys {@code admin.hosts.code.<code>}; another code by the spec's text.
 */
@Component
class HostCodes {

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
        return messages.getMessage("admin.hosts.code." + code, null, platformCodes.text(code, locale), locale);
    }

    /** A power operation as the pages show it, its code or reason explained. */
    HostDetail.PowerOperation operation(Operation op, Locale locale) {
        String text = op.resultCode() != null ? text(op.resultCode(), locale)
                : op.resultInfo() == null ? null : messages.getMessage(op.resultInfo(), null, op.resultInfo(), locale);
        return new HostDetail.PowerOperation(op.id(), HostAction.of(op.kind()).path(), op.state().name(),
                op.resultCode(), text, op.createdAt());
    }
}
