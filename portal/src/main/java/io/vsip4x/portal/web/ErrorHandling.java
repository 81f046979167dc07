package io.vsip4x.portal.web;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.audit.AuditUnavailableException;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.platform.PlatformHealth;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;
import tools.jackson.core.JacksonException;

/**
 * Turns every failure into what the asker reads, in their language: a problem response under
 * {@code /api}, an error fragment for htmx, an error page otherwise. Refused attempts to change
 * something are written to the operation log.
 */
@ControllerAdvice
class ErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandling.class);
    private static final Set<Integer> KNOWN_HTTP = Set.of(400, 404, 405, 406, 413, 415);

    private final MessageSource messages;
    private final AuditService audit;
    private final PlatformHealth health;

    ErrorHandling(MessageSource messages, AuditService audit, PlatformHealth health) {
        this.messages = messages;
        this.audit = audit;
        this.health = health;
    }

    @ExceptionHandler(PortalException.class)
    Object portal(PortalException e, HttpServletRequest request, HttpServletResponse response) {
        log.debug("Answered {} {} with {} ({})", request.getMethod(), request.getRequestURI(), e.status(),
                e.messageKey());
        return answer(request, response, e);
    }

    /** The action's audit event could not be stored: its transaction rolled back, nothing happened. */
    @ExceptionHandler(AuditUnavailableException.class)
    Object auditUnavailable(AuditUnavailableException e, HttpServletRequest request, HttpServletResponse response) {
        log.error("Refused {} {}: its audit event could not be stored", request.getMethod(), request.getRequestURI(),
                e);
        return answer(request, response,
                new PortalException(HttpStatus.SERVICE_UNAVAILABLE, "error.auditUnavailable", null));
    }

    @ExceptionHandler(PlatformUnavailableException.class)
    Object unavailable(PlatformUnavailableException e, HttpServletRequest request, HttpServletResponse response) {
        log.info("Answered {} with 503: the platform cannot be reached", request.getRequestURI());
        return answer(request, response,
                new PortalException(HttpStatus.SERVICE_UNAVAILABLE, "error.platformUnreachable", null));
    }

    /** Unreadable JSON; a value of the wrong type is named by its field. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    Object unreadable(HttpMessageNotReadableException e, HttpServletRequest request, HttpServletResponse response) {
        log.debug("Refused an unreadable request to {}: {}", request.getRequestURI(), e.getMessage());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeFilter.TooLargeException) {
                return answer(request, response,
                        new PortalException(HttpStatus.CONTENT_TOO_LARGE, "error.http.413", null));
            }
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException bad && !bad.getPath().isEmpty()) {
                List<JacksonException.Reference> path = bad.getPath();
                String field = path.get(path.size() - 1).getPropertyName();
                if (field != null) {
                    return answer(request, response, FieldProblems.of(field, "error.field.invalid"));
                }
            }
        }
        log.debug("Unreadable body, no field named: {}", e.getMostSpecificCause().toString());
        return answer(request, response, new PortalException(HttpStatus.BAD_REQUEST, "error.unreadable", null));
    }

    /**
     * The servlet container would not read a form body a handler or an interceptor asked a parameter
     * of: larger than the form limit without a declared length (413), or malformed (400).
     */
    @ExceptionHandler(InvalidParameterException.class)
    Object unreadableForm(InvalidParameterException e, HttpServletRequest request, HttpServletResponse response) {
        log.debug("Refused {} {}: its form cannot be read ({})", request.getMethod(), request.getRequestURI(),
                e.getMessage());
        HttpStatus status = RequestSizeFilter.unreadableForm(e);
        return answer(request, response, new PortalException(status, "error.http." + status.value(), null));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    Object mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request, HttpServletResponse response) {
        return answer(request, response, PortalException.notFound("error.notFound"));
    }

    @ExceptionHandler(PessimisticLockingFailureException.class)
    Object contended(PessimisticLockingFailureException e, HttpServletRequest request,
            HttpServletResponse response) {
        log.info("Answered {} with 409: it lost a race for a database lock", request.getRequestURI());
        return answer(request, response, PortalException.conflict("error.concurrent"));
    }

    @ExceptionHandler(AccessDeniedException.class)
    Object denied(AccessDeniedException e, HttpServletRequest request, HttpServletResponse response) {
        return answer(request, response, PortalException.forbidden("error.forbidden"));
    }

    /** A live-update stream whose page went away: nobody to answer. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void gone(AsyncRequestNotUsableException e) {
        log.debug("A live-update stream closed: {}", e.getMessage());
    }

    /**
     * Spring MVC's own refusals (no such path, wrong method, wrong media type, missing
     * parameter: each an {@link ErrorResponse} with its status), and anything unexpected.
     */
    @ExceptionHandler(Exception.class)
    Object other(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (isClientGone(e)) {
            log.debug("The client of {} went away: {}", request.getRequestURI(), e.getMessage());
            return null;
        }
        if (isLiveStream(request) && (e instanceof DataAccessException || e instanceof TransactionException)) {
            // The page reconnects by itself; a database going away (the portal stopping) is no fault.
            log.info("A live-update stream ended: the database cannot be reached ({})", e.getMessage());
            return null;
        }
        if (e instanceof ErrorResponse known) {
            int status = known.getStatusCode().value();
            String key = KNOWN_HTTP.contains(status) ? "error.http." + status : "error.unexpected";
            log.debug("Answered {} {} with {}", request.getMethod(), request.getRequestURI(), status);
            return answer(request, response, new PortalException(HttpStatus.valueOf(status), key, null));
        }
        log.error("Request {} {} failed", request.getMethod(), request.getRequestURI(), e);
        return answer(request, response,
                new PortalException(HttpStatus.INTERNAL_SERVER_ERROR, "error.unexpected", null));
    }

    private static boolean isLiveStream(HttpServletRequest request) {
        return "/live".equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    private static boolean isClientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("ClientAbortException")
                    || (t instanceof java.io.IOException && String.valueOf(t.getMessage()).contains("Broken pipe"))) {
                return true;
            }
        }
        return false;
    }

    private Object answer(HttpServletRequest request, HttpServletResponse response, PortalException e) {
        auditRefusal(request, e);
        Locale locale = RequestContextUtils.getLocale(request);
        String detail = detail(e, locale);
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/") || producesJsonOnly(request)) {
            return ResponseEntity.status(e.status())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(e, detail, locale));
        }
        boolean htmx = request.getHeader("HX-Request") != null;
        ModelAndView page = new ModelAndView(htmx ? "fragments/error :: message" : "error/page");
        page.setStatus(e.status());
        page.addObject("status", e.status().value());
        page.addObject("message", detail);
        page.addObject("code", e.code());
        page.addObject("me", UserService.current());
        page.addObject("platformReachable", health.reachable());
        if (htmx) {
            response.setHeader("HX-Retarget", "#flash");
            response.setHeader("HX-Reswap", "innerHTML");
        }
        return page;
    }

    /**
     * Whether the request went to a page-side handler that answers JSON only (such as the console's
     * token): its failures answer as problem JSON too, not as an error page.
     */
    private static boolean producesJsonOnly(HttpServletRequest request) {
        if (!(request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler)) {
            return false;
        }
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return mapping != null && mapping.produces().length > 0 && Arrays.stream(mapping.produces())
                .allMatch(type -> MediaType.parseMediaType(type).isCompatibleWith(MediaType.APPLICATION_JSON));
    }

    /** The message; for bad input, the fields' own messages rather than a summary. */
    private String detail(PortalException e, Locale locale) {
        if (e instanceof FieldProblems fields && fields.problems().size() == 1) {
            FieldProblems.Problem p = fields.problems().get(0);
            return messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale);
        }
        return messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale);
    }

    /** Refused changes, and every refusal for lack of rights, go to the operation log. */
    private void auditRefusal(HttpServletRequest request, PortalException e) {
        int status = e.status().value();
        if (e.isAudited()) {
            return;
        }
        boolean change = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
        if (status == 403 || (change && (status == 404 || status == 409))) {
            Object[] args = e.args();
            try {
                audit.event("REFUSED")
                        .target("PATH", request.getMethod() + " " + request.getRequestURI())
                        .params(args.length == 0 ? e.messageKey() : e.messageKey() + " " + Arrays.toString(args))
                        .result(AuditService.DENIED, e.code(), e.messageKey())
                        .recordAlone();
            } catch (DataAccessException | TransactionException failed) {
                // Nothing happened either way: the refusal stands even when the log cannot take it.
                log.error("Could not log the refusal of {} {}", request.getMethod(), request.getRequestURI(), failed);
            }
        }
    }

    private ProblemDetail problem(PortalException e, String detail, Locale locale) {
        String text = e instanceof FieldProblems
                ? messages.getMessage("error.validation.fields", null, locale) : detail;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), text);
        problem.setType(URI.create("urn:vsip4x:problem:" + e.messageKey()));
        problem.setTitle(messages.getMessage("problem.title." + e.status().value(), null,
                e.status().getReasonPhrase(), locale));
        if (e.code() != null) {
            problem.setProperty("code", e.code());
        }
        e.properties().forEach(problem::setProperty);
        if (e instanceof FieldProblems fields) {
            Map<String, String> errors = new LinkedHashMap<>();
            fields.problems().forEach(p -> errors.putIfAbsent(p.field(),
                    messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
            problem.setProperty("errors", errors);
        }
        return problem;
    }
}
