package io.vsip4x.portal.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who reaches the actuator (issue 11): the liveness and readiness probes answer anyone, with the
 * status alone (the proxy and the orchestrator ask them); health with its components, info,
 * metrics and the Prometheus scrape are for platform admins, signed in with a personal API token
 * ({@code Authorization: Bearer}), HTTP Basic as on the API, or the session of their pages; every
 * other actuator path is refused. Refusals are answered as on the API (a problem response, 401
 * without a sign-in, 403 for another role), and no request here makes a session.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurity {

    /**
     * The probes a proxy or an orchestrator asks, signed in or not; {@code /livez} and {@code /readyz}
     * are the same on the portal's own port when the actuator has a port of its own
     * ({@code management.endpoint.health.probes.add-additional-paths}).
     */
    static final String[] PROBES = {"/actuator/health/liveness", "/actuator/health/readiness", "/livez", "/readyz"};
    /** What platform admins read. */
    static final String[] ADMIN_READS = {"/actuator/health", "/actuator/health/**", "/actuator/info",
        "/actuator/metrics", "/actuator/metrics/**", "/actuator/prometheus"};

    @Bean
    @Order(0)
    SecurityFilterChain actuatorChain(HttpSecurity http, SignInAnswers answers, ApiAuthentication api,
            UserRepository users, AccountStanding standing) throws Exception {
        http.securityMatcher("/actuator/**", "/livez", "/readyz")
                .authenticationManager(api.basic())
                .addFilterBefore(api.bearer(answers.apiSignIn()), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PROBES).permitAll()
                        .requestMatchers(ADMIN_READS).hasRole(Role.PLATFORM_ADMIN.name())
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(answers.apiSignIn()))
                // A refused request is not kept for after a sign-in: nothing here makes a session.
                .requestCache(cache -> cache.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(answers.apiSignIn())
                        .accessDeniedHandler(answers.apiDenied()))
                .addFilterBefore(new PageSessionsOnly(new LockedSessionFilter(users, standing, answers)),
                        AuthorizationFilter.class)
                .addFilterAfter(new MustChangePasswordFilter(answers), AuthorizationFilter.class);
        return http.build();
    }

    /**
     * Checks a page session's account as the pages do ({@link LockedSessionFilter}); a request signed
     * in with a token or a password was checked while signing in. Whether the sign-in is the session's
     * is read from the session itself, not from the request's headers: an {@code Authorization} header
     * of another scheme, or Basic with the session's own user name (which Spring Security does not check
     * again), leaves the session's sign-in in place.
     */
    private static final class PageSessionsOnly extends OncePerRequestFilter {

        private final LockedSessionFilter sessions;

        PageSessionsOnly(LockedSessionFilter sessions) {
            this.sessions = sessions;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth != null && auth.equals(sessionSignIn(request))) {
                sessions.doFilter(request, response, chain);
            } else {
                chain.doFilter(request, response);
            }
        }

        /** The sign-in stored in the request's session, or {@code null}. */
        private static Authentication sessionSignIn(HttpServletRequest request) {
            HttpSession session = request.getSession(false);
            return session != null && session.getAttribute(
                    HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext stored
                    ? stored.getAuthentication() : null;
        }
    }
}
