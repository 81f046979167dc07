package io.vsip4x.portal.notifications;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Renders a notification's message key and arguments in a reader's language. */
@Component
class NotificationText {

    static final String PREFIX = "notification.";
    private static final TypeReference<List<String>> ARGS = new TypeReference<>() {
    };

    private final MessageSource messages;
    private final JsonMapper json;

    NotificationText(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    /** The full message key of {@code key}: under {@code notification.}. */
    static String fullKey(String key) {
        return key.startsWith(PREFIX) ? key : PREFIX + key;
    }

    /** The arguments as stored (a JSON array of strings). */
    String toJson(List<String> args) {
        return json.writeValueAsString(args == null ? List.of() : args);
    }

    /** The text of {@code key} with the stored arguments {@code argsJson} in {@code locale}. */
    String render(String key, String argsJson, Locale locale) {
        List<String> args = argsJson == null || argsJson.isBlank() ? List.of() : json.readValue(argsJson, ARGS);
        return render(key, args, locale);
    }

    /** The text of {@code key} with {@code args} in {@code locale}; the key itself when it is unknown. */
    String render(String key, List<String> args, Locale locale) {
        String full = fullKey(key);
        return messages.getMessage(full, args == null ? new Object[0] : args.toArray(), full, locale);
    }

    /** The subject of notification e-mails in {@code locale}. */
    String subject(Locale locale) {
        return messages.getMessage("notification.mail.subject", null, "Vsip4x", locale);
    }
}
