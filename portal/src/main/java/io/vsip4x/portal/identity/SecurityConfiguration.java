package io.vsip4x.portal.identity;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Two ways in: the pages with a sign-in form and a session (CSRF-protected), and the JSON API
 * under {@code /api} with HTTP Basic or a personal API token and no session ({@link ApiAuthentication}:
 * accounts whose sign-in policy needs a UKEY use a token). The platform's callback is verified by
 * its own signature, a native console client's lease renewal by the token in its path. Both
 * refuse locked accounts ({@link SignInLockout}; a page session ends when its account is
 * locked, {@link LockedSessionFilter}), keep auditors to
 * reading ({@link AuditorsReadOnly}) and hold a person whose password must be changed to that
 * ({@link MustChangePasswordFilter}). Pages also sign in with a UKEY, and the sign-in policy may
 * ask for a key after the password or instead of it ({@link UkeySignIn}).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    /**
     * The platform administration's pages (issue 10), refused to every other role before any
     * controller reads the request; their JSON is everything under {@code /api/v1/admin/} but the
     * active consoles. The controllers check the role too.
     */
    static final String[] PLATFORM_ADMIN_PAGES = {"/admin", "/admin/hosts/**", "/admin/pools/**",
        "/admin/templates/**", "/admin/images/**", "/admin/networks/**", "/admin/storage-nodes/**",
        "/admin/placement/**", "/admin/unowned-vms/**", "/admin/tenants", "/admin/tenants/export.csv"};

    /** bcrypt, with successful checks remembered for a few minutes ({@link VerifiedPasswords}). */
    @Bean
    PasswordEncoder passwordEncoder(Clock clock) {
        return new VerifiedPasswords(PasswordEncoderFactories.createDelegatingPasswordEncoder(), clock);
    }

    /** Passwords checked against the accounts, locked accounts refused before their password counts. */
    @Bean
    DaoAuthenticationProvider authenticationProvider(UserService users, PasswordEncoder encoder,
            SignInLockout lockout) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        provider.setPreAuthenticationChecks(lockout::check);
        return provider;
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, SignInAnswers answers, ApiAuthentication api)
            throws Exception {
        http.securityMatcher("/api/**")
                .authenticationManager(api.basic())
                .addFilterBefore(api.bearer(answers.apiSignIn()), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // Tenant admins see their own department's active consoles (issue 8).
                        .requestMatchers("/api/v1/admin/consoles/**").access(new AuditorsReadOnly())
                        .requestMatchers("/api/v1/admin/**").hasRole(Role.PLATFORM_ADMIN.name())
                        .anyRequest().access(new AuditorsReadOnly()))
                .httpBasic(basic -> basic.authenticationEntryPoint(answers.apiSignIn()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(answers.apiSignIn())
                        .accessDeniedHandler(answers.apiDenied()))
                .addFilterAfter(new MustChangePasswordFilter(answers), AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageChain(HttpSecurity http, SignInAnswers answers, UserRepository users,
            AccountStanding standing, UkeySignIn ukey) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/error", "/static/**", "/webjars/**", "/guacamole-common-js/**",
                                "/favicon.ico",
                                "/platform/callback", "/v3/api-docs/**", "/api-docs.html", "/swagger-ui/**")
                        .permitAll()
                        // Native console clients renew their link's lease with the token in the path.
                        .requestMatchers("/console/lease/**").permitAll()
                        // The console tunnel refuses a WebSocket without a session itself (the page learns why).
                        .requestMatchers("/console/tunnel").permitAll()
                        // UKEY sign-in (issue 8): its challenge, the key's answer and the second step.
                        .requestMatchers(UkeySignInFilter.PATH, UkeySignInFilter.PATH + "/challenge",
                                UkeySignIn.SECOND_FACTOR_PAGE).permitAll()
                        .requestMatchers(PLATFORM_ADMIN_PAGES).hasRole(Role.PLATFORM_ADMIN.name())
                        .anyRequest().access(new AuditorsReadOnly()))
                .formLogin(form -> form.loginPage("/login")
                        .successHandler(ukey.passwordSignedIn(answers.signedIn()))
                        .failureHandler(ukey.passwordRefused(answers.refused()))
                        .permitAll())
                .authenticationManager(ukey.pagePasswords())
                .with(ukey.configurer(answers.signedIn()), Customizer.withDefaults())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .csrf(csrf -> csrf.ignoringRequestMatchers("/platform/callback", "/console/lease/**"))
                .exceptionHandling(e -> e.authenticationEntryPoint(answers.pageSignIn())
                        .accessDeniedHandler(answers.pageDenied()))
                .addFilterBefore(new LockedSessionFilter(users, standing, answers), AuthorizationFilter.class)
                .addFilterAfter(new MustChangePasswordFilter(answers), AuthorizationFilter.class)
                .headers(Customizer.withDefaults());
        return http.build();
    }
}
