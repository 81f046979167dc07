package io.vsip4x.portal.storage;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.requests.RequestValidator;
import io.vsip4x.portal.web.FieldProblems;

/**
 * The checks of what a person types or ticks on the snapshot and backup forms and their API
 * twins: a free text (a backup's description, a snapshot's note) is refused with a field error
 * when it holds what data-disk names and UKEY labels refuse (control characters, line and
 * paragraph separators, direction overrides and marks, halves of a character, which the database
 * would store as '?'); a yes/no choice is refused when it is neither.
 */
final class BackupFields {

    private BackupFields() {
    }

    /**
     * {@code text} (already blank-to-null) of at most {@code max} characters with none of the
     * refused characters.
     *
     * @throws FieldProblems 400 naming {@code field}
     */
    static void checkText(String field, String text, int max, String tooLongKey) {
        if (text == null) {
            return;
        }
        if (text.codePointCount(0, text.length()) > max) {
            throw FieldProblems.of(field, tooLongKey, max);
        }
        if (unsafe(text)) {
            throw FieldProblems.of(field, "backup.field.textInvalid");
        }
    }

    /**
     * Whether {@code text} holds a character a one-line text refuses: the requests' check (control
     * characters, direction overrides, lone surrogates), the audit's (every control character, line
     * and paragraph separators) and the direction marks.
     */
    static boolean unsafe(String text) {
        return RequestValidator.hasControlCharacters(text)
                || text.codePoints().anyMatch(c -> AuditParams.control(c) || c == 0x200E || c == 0x200F || c == 0x061C);
    }

    /**
     * A yes/no choice of a form: absent or empty is no; {@code true}/{@code on} yes and
     * {@code false}/{@code off} no (any case).
     *
     * @throws FieldProblems 400 naming {@code field} for anything else
     */
    static boolean flag(String field, String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on" -> true;
            case "false", "off" -> false;
            default -> throw FieldProblems.of(field, "backup.field.boolean");
        };
    }
}
