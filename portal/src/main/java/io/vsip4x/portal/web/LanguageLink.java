package io.vsip4x.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The header's link to the other language: the page the person is on with its query kept (filters,
 * sort, page), only {@code lang} replaced, so switching the language does not lose what they chose.
 */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class LanguageLink {

    /** The query of the current page with {@code lang} set to the language not shown. */
    @ModelAttribute("otherLanguageQuery")
    String otherLanguageQuery(HttpServletRequest request, Locale locale) {
        String other = "en".equals(locale.getLanguage()) ? "zh_CN" : "en";
        String query = request.getQueryString();
        return UriComponentsBuilder.newInstance()
                .query(query == null ? "" : query)
                .replaceQueryParam("lang", other)
                .build()
                .toUriString();
    }
}
