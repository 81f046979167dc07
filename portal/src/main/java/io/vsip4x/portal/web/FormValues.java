package io.vsip4x.portal.web;

/** What the pages and the API read from a person's input, the same way everywhere. */
public final class FormValues {

    private FormValues() {
    }

    /** {@code text} without surrounding blanks, or {@code null} when it is missing or blank. */
    public static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
