package io.vsip4x.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a refusal decided in a servlet filter, before Spring MVC and its error handling see the
 * request: in the reader's language (the portal's language choice, else the browser's), as the same
 * problem document {@link ErrorHandling} answers under {@code /api}, as plain text elsewhere.
 */
@Component
class EarlyRefusal {

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final JsonMapper json;

    EarlyRefusal(MessageSource messages, LocaleResolver locales, JsonMapper json) {
        this.messages = messages;
        this.locales = locales;
        this.json = json;
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String messageKey)
            throws IOException {
        Locale locale = locales.resolveLocale(request);
        String text = messages.getMessage(messageKey, null, locale);
        response.setStatus(status.value());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "urn:vsip4x:problem:" + messageKey);
            problem.put("title", messages.getMessage("problem.title." + status.value(), null,
                    status.getReasonPhrase(), locale));
            problem.put("status", status.value());
            problem.put("detail", text);
            problem.put("instance", request.getRequestURI());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write(json.writeValueAsString(problem));
        } else {
            response.setContentType(MediaType.TEXT_PLAIN_VALUE);
            response.getWriter().write(text);
        }
    }
}
