package io.vsip4x.portal.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends the page session of an account that has been locked since it signed in (by a security
 * admin, or after failed sign-ins elsewhere), or removed: the next page it asks for is the
 * sign-in page saying why. So does a session signed in with a UKEY whose binding has been revoked
 * since. The API needs no such check: it signs in on every request.
 */
final class LockedSessionFilter extends OncePerRequestFilter {

    private final UserRepository users;
    private final AccountStanding standing;
    private final SignInAnswers answers;
    private final SecurityContextLogoutHandler logout = new SecurityContextLogoutHandler();

    LockedSessionFilter(UserRepository users, AccountStanding standing, SignInAnswers answers) {
        this.users = users;
        this.standing = standing;
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
            AccountLockedException locked = row.isEmpty() ? new AccountLockedException(null)
                    : standing.lockOf(signedIn.user(), row.get());
            if (locked != null) {
                logout.logout(request, response, auth);
                answers.sessionEnded(request, response, locked);
                return;
            }
            String revokedKey = standing.ukeyRevoked(request.getSession(false));
            if (revokedKey != null) {
                answers.ukeySessionRevoked(request, response, auth, revokedKey);
                return;
            }
            if (standing.rightsChanged(signedIn.user(), row.get())
                    || standing.weakerThanPolicy(auth, signedIn.user())) {
                // A session keeps the rights its account had at sign-in; changed ones need a new sign-in,
                // as does a policy that now needs more than this session's sign-in gave.
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
}
