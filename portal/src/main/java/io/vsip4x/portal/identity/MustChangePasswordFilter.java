package io.vsip4x.portal.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Until a person whose password must be changed has changed it, they can do nothing else: pages
 * send them to the password page, the API answers 403. Signing out (also as their UKEY is
 * removed), who they are ({@code /api/v1/me}) and the pages' own resources stay open.
 */
final class MustChangePasswordFilter extends OncePerRequestFilter {

    private static final Set<String> OPEN = Set.of(SignInAnswers.PASSWORD_PAGE, "/api/v1/account/password",
            "/api/v1/me", "/logout", "/login", "/error", "/favicon.ico", "/login/ukey/removed");
    private static final Set<String> OPEN_FOLDERS = Set.of("/static/", "/webjars/");

    private final SignInAnswers answers;

    MustChangePasswordFilter(SignInAnswers answers) {
        this.answers = answers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!UserService.mustChangePassword(SecurityContextHolder.getContext().getAuthentication()) || open(path)) {
            chain.doFilter(request, response);
            return;
        }
        if (path.startsWith("/api/")) {
            answers.mustChangePassword(request, response);
        } else if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", request.getContextPath() + SignInAnswers.PASSWORD_PAGE);
        } else {
            response.sendRedirect(request.getContextPath() + SignInAnswers.PASSWORD_PAGE);
        }
    }

    private static boolean open(String path) {
        return OPEN.contains(path) || OPEN_FOLDERS.stream().anyMatch(path::startsWith);
    }
}
