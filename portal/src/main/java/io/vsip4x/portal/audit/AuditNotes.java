package io.vsip4x.portal.audit;

import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The message of an audit row as the audit pages show it ({@code ${@auditNotes.of(e)}}): a reason
 * code the portal itself wrote (a refused UKEY sign-in's {@code unbound}, a refused sign-in's
 * {@code bad credentials}) in the reader's language, from {@code audit.note.<action>.<code>}
 * (spaces as {@code _}); any other message (a platform's result text) as it was written. The row
 * itself keeps the code, so exports and searches are unchanged.
 */
@Component("auditNotes")
public class AuditNotes {

    /** What a portal reason code looks like; anything else is free text and never looked up. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9 ]{0,63}");

    private final MessageSource messages;

    AuditNotes(MessageSource messages) {
        this.messages = messages;
    }

    /** The message of {@code entry} in the reader's language where it is a known code; empty for none. */
    public String of(AuditEntry entry) {
        return of(entry.action(), entry.message(), LocaleContextHolder.getLocale());
    }

    /** Whether {@link #of(AuditEntry)} shows something other than the stored message (then worth showing too). */
    public boolean translated(AuditEntry entry) {
        return entry.message() != null && !entry.message().equals(of(entry));
    }

    /** The message {@code message} of an {@code action} row in {@code locale}. */
    String of(String action, String message, Locale locale) {
        if (message == null) {
            return "";
        }
        if (action == null || !CODE.matcher(message).matches()) {
            return message;
        }
        String key = "audit.note." + action + "." + message.replace(' ', '_');
        return messages.getMessage(key, null, message, locale);
    }
}
