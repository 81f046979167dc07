package io.vsip4x.portal.web;

import io.vsip4x.portal.platform.PlatformUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Turns failures into what the asker reads: a problem response under {@code /api}, an error
 * fragment for htmx, an error page otherwise. Messages come from the bundles in the asker's
 * language.
 */
@ControllerAdvice
class ErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);

    private final MessageSource messages;

    ErrorHandling(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(PortalException.class)
    Object portal(PortalException e, HttpServletRequest request, HttpServletResponse response) {
        log.debug("Answered {} with {} ({})", request.getRequestURI(), e.status(), e.messageKey());
        return answer(request, response, e);
    }

    @ExceptionHandler(PlatformUnavailableException.class)
    Object unavailable(PlatformUnavailableException e, HttpServletRequest request, HttpServletResponse response) {
        log.info("Answered {} with 503: the platform cannot be reached", request.getRequestURI());
        return answer(request, response,
                new PortalException(HttpStatus.SERVICE_UNAVAILABLE, "error.platformUnreachable", null));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class})
    Object unreadable(Exception e, HttpServletRequest request, HttpServletResponse response) {
        log.debug("Refused an unreadable request to {}: {}", request.getRequestURI(), e.getMessage());
        return answer(request, response, new PortalException(HttpStatus.BAD_REQUEST, "error.unreadable", null));
    }

    private Object answer(HttpServletRequest request, HttpServletResponse response, PortalException e) {
        Locale locale = RequestContextUtils.getLocale(request);
        String detail = messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale);
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return ResponseEntity.status(e.status())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(e, detail, locale));
        }
        ModelAndView page = new ModelAndView(request.getHeader("HX-Request") != null
                ? "fragments/error :: message" : "error/page");
        page.setStatus(e.status());
        page.addObject("status", e.status().value());
        page.addObject("message", detail);
        page.addObject("code", e.code());
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Retarget", "#flash");
            response.setHeader("HX-Reswap", "innerHTML");
        }
        return page;
    }

    private ProblemDetail problem(PortalException e, String detail, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), detail);
        problem.setType(URI.create("urn:vsip4x:problem:" + e.messageKey()));
        problem.setTitle(messages.getMessage("problem.title." + e.status().value(), null,
                e.status().getReasonPhrase(), locale));
        if (e.code() != null) {
            problem.setProperty("code", e.code());
        }
        if (e instanceof FieldProblems fields) {
            Map<String, String> errors = new LinkedHashMap<>();
            fields.problems().forEach(p -> errors.putIfAbsent(p.field(),
                    messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
            problem.setProperty("errors", errors);
        }
        return problem;
    }
}
