package io.vsip4x.portal.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends the page session of an account that has been locked since it signed in (by a security
 * admin, or after failed sign-ins elsewhere), or removed: the next page it asks for is the
 * sign-in page saying why. The API needs no such check: it signs in on every request.
 */
final class LockedSessionFilter extends OncePerRequestFilter {

    private final UserRepository users;
    private final SignInLockout lockout;
    private final SignInAnswers answers;
    private final SecurityContextLogoutHandler logout = new SecurityContextLogoutHandler();

    LockedSessionFilter(UserRepository users, SignInLockout lockout, SignInAnswers answers) {
        this.users = users;
        this.lockout = lockout;
        this.answers = answers;
    }

    /** The pages' own resources: no need to look at the account for each of them. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/static/") || path.startsWith("/webjars/") || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof PortalUserDetails signedIn) {
            Optional<UserRepository.UserRow> row = users.findById(signedIn.user().id());
            PortalUserDetails now = row
                    .map(r -> new PortalUserDetails(signedIn.user(), r.passwordHash(), r.enabled(), r.state()))
                    .orElse(null);
            AccountLockedException locked = now == null ? new AccountLockedException(null) : lockout.lockOf(now);
            if (locked != null) {
                logout.logout(request, response, auth);
                answers.sessionEnded(request, response, locked);
                return;
            }
            if (rightsChanged(signedIn.user(), row.get())) {
                // A session keeps the rights its account had at sign-in; changed ones need a new sign-in.
                logout.logout(request, response, auth);
                String target = request.getContextPath() + "/login?expired";
                if (request.getHeader("HX-Request") != null) {
                    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                    response.setHeader("HX-Redirect", target);
                } else {
                    response.sendRedirect(target);
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Whether the account's tenant, clearance or roles differ from those the session signed in with. */
    private boolean rightsChanged(CurrentUser signedIn, UserRepository.UserRow row) {
        return !Objects.equals(signedIn.tenantId(), row.tenantId()) || signedIn.clearance() != row.clearance()
                || !signedIn.roles().equals(users.roles(row.id()));
    }
}
