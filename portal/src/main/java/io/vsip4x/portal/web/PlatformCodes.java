package io.vsip4x.portal.web;

import io.vsip4x.sdk.codes.ResultCodes;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The spec's result codes in the reader's language, for pages
 * ({@code ${@platformCodes.text(code, #locale)}}).
 */
@Component("platformCodes")
public class PlatformCodes {

    /** The meaning of {@code code}, or the code itself when the spec does not list it. */
    public String text(String code, Locale locale) {
        if (code == null) {
            return "";
        }
        return ResultCodes.find(code).map(c -> c.text(locale)).orElse(code);
    }
}
