package io.vsip4x.portal.identity;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two ways in: the pages with a sign-in form and a session (CSRF-protected), and the JSON API
 * under {@code /api} with HTTP Basic and no session. The platform's callback is verified by
 * its own signature.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, MessageSource messages, LocaleResolver locales)
            throws Exception {
        AuthenticationEntryPoint problem = problemEntryPoint(messages, locales);
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(problem))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(problem));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/error", "/static/**", "/webjars/**", "/favicon.ico",
                                "/platform/callback", "/v3/api-docs/**", "/api-docs.html", "/swagger-ui/**")
                        .permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .csrf(csrf -> csrf.ignoringRequestMatchers("/platform/callback"))
                .exceptionHandling(e -> e.authenticationEntryPoint(htmxAwareEntryPoint())
                        .accessDeniedHandler(htmxAwareDeniedHandler()))
                .headers(Customizer.withDefaults());
        return http.build();
    }

    /** A 401 problem for API clients in their language, with the Basic challenge. */
    private static AuthenticationEntryPoint problemEntryPoint(MessageSource messages, LocaleResolver locales) {
        JsonMapper json = JsonMapper.builder().build();
        return (request, response, ex) -> {
            Locale locale = locales.resolveLocale(request);
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "urn:vsip4x:problem:error.signIn");
            problem.put("title", messages.getMessage("problem.title.401", null, locale));
            problem.put("status", 401);
            problem.put("detail", messages.getMessage("error.signIn", null, locale));
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader("WWW-Authenticate", "Basic realm=\"vsip4x-portal\"");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(json.writeValueAsString(problem));
        };
    }

    /**
     * A refused htmx request (a stale CSRF token, most often) reloads its page, which gets a
     * fresh token or the sign-in page; other requests get the error page.
     */
    private static AccessDeniedHandler htmxAwareDeniedHandler() {
        AccessDeniedHandlerImpl plain = new AccessDeniedHandlerImpl();
        return (request, response, ex) -> {
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Refresh", "true");
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
            plain.handle(request, response, ex);
        };
    }

    /** The sign-in page for browsers; for htmx requests an HX-Redirect instead of a swapped page. */
    private static AuthenticationEntryPoint htmxAwareEntryPoint() {
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        return (request, response, ex) -> {
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + "/login");
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            login.commence(request, response, ex);
        };
    }
}
