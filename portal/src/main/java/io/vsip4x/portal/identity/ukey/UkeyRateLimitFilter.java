package io.vsip4x.portal.identity.ukey;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds back a client address that calls the UKEY sign-in's endpoints needing no sign-in too often
 * ({@code POST /login/ukey/challenge}, {@code POST /login/ukey}; {@link UkeyRateLimiter}), before
 * any of them writes a row: a challenge asked for gets a 429 problem the UKEY tab shows, a signed
 * answer goes back to its page with {@code ?ukey=tooMany}. The first refusal of an address in a
 * minute is logged ({@value #UKEY_RATE_LIMITED}), the rest are not.
 */
public final class UkeyRateLimitFilter extends OncePerRequestFilter {

    /** Audit action of an address held back for calling the UKEY sign-in too often (once a minute at most). */
    static final String UKEY_RATE_LIMITED = "UKEY_RATE_LIMITED";
    /** The refusal's code: {@code ?ukey=tooMany}, message {@code ukey.refused.tooMany}. */
    static final String TOO_MANY = "tooMany";
    static final String CHALLENGE = "/login/ukey/challenge";
    static final String SIGN_IN = "/login/ukey";

    private static final Logger log = LoggerFactory.getLogger(UkeyRateLimitFilter.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UkeyRateLimiter limiter;
    private final AuditService audit;
    private final MessageSource messages;
    private final LocaleResolver locales;
    private final Clock clock;

    UkeyRateLimitFilter(UkeyRateLimiter limiter, AuditService audit, MessageSource messages, LocaleResolver locales,
            Clock clock) {
        this.limiter = limiter;
        this.audit = audit;
        this.messages = messages;
        this.locales = locales;
        this.clock = clock;
    }

    /**
     * The two endpoints, matched as Spring Security and Spring MVC match them (the path decoded),
     * so that an encoded path such as {@code /login/uke%79} reaches neither without the limit.
     */
    private static final RequestMatcher CHALLENGE_CALL =
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, CHALLENGE);
    private static final RequestMatcher SIGN_IN_CALL =
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, SIGN_IN);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !CHALLENGE_CALL.matches(request) && !SIGN_IN_CALL.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        UkeyRateLimiter.Decision decision = limiter.acquire(address);
        if (decision.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        String path = CHALLENGE_CALL.matches(request) ? CHALLENGE : SIGN_IN;
        if (decision.firstRefusal()) {
            logged(address, path);
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfter()));
        if (CHALLENGE.equals(path)) {
            Locale locale = locales.resolveLocale(request);
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "urn:vsip4x:problem:ukey.refused." + TOO_MANY);
            problem.put("title", messages.getMessage("problem.title.429", null, "Too many requests", locale));
            problem.put("status", 429);
            problem.put("detail", messages.getMessage("ukey.refused." + TOO_MANY, null, locale));
            response.setStatus(429);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(JSON.writeValueAsString(problem));
            return;
        }
        HttpSession session = request.getSession(false);
        boolean pending = session != null && session.getAttribute(UkeySession.PENDING)
                instanceof UkeySession.PendingStep step && step.current(clock.instant());
        response.sendRedirect(request.getContextPath() + (pending ? "/login/second-factor" : "/login")
                + "?ukey=" + TOO_MANY);
    }

    private void logged(String address, String path) {
        UkeyRateLimits limits = limiter.limits();
        log.warn("UKEY sign-in calls from {} held back: more than {} a minute", address, limits.perMinute());
        try {
            audit.event(UKEY_RATE_LIMITED)
                    .as("anonymous", null, null)
                    .target("ADDRESS", address)
                    .params(AuditParams.of("path", path, "perMinute", limits.perMinute(), "burst", limits.burst()))
                    .result(AuditService.DENIED, null, TOO_MANY)
                    .from(address)
                    .recordAlone();
        } catch (DataAccessException | TransactionException e) {
            log.error("A held-back UKEY sign-in could not be logged: {}", e.toString());
        }
    }

    /** Registers the filter ahead of the security filters, so that a held-back call reaches none of them. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /** Spring Security's filters run at -100; this runs just before them. */
        private static final int ORDER = -101;

        @Bean
        FilterRegistrationBean<UkeyRateLimitFilter> ukeyRateLimitFilter(UkeyRateLimiter limiter, AuditService audit,
                MessageSource messages, LocaleResolver locales, Clock clock) {
            FilterRegistrationBean<UkeyRateLimitFilter> registration = new FilterRegistrationBean<>(
                    new UkeyRateLimitFilter(limiter, audit, messages, locales, clock));
            registration.addUrlPatterns(CHALLENGE, SIGN_IN);
            registration.setOrder(ORDER);
            return registration;
        }
    }
}
