package io.vsip4x.portal.identity.ukey;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The UKEY sign-in's pages and calls besides the sign-in itself ({@code POST /login/ukey}, a
 * security filter): a challenge for the key to sign, the second-factor page after a verified
 * password, and the end of a session whose key was removed from the computer.
 */
@Controller
class UkeyController {

    /** Audit action of a session ended because its UKEY left the computer. */
    static final String UKEY_REMOVED = "UKEY_REMOVED";

    private final UkeyChallenges challenges;
    private final UkeyMiddleware middleware;
    private final AuditService audit;
    private final Clock clock;
    private final SecurityContextLogoutHandler logout = new SecurityContextLogoutHandler();

    UkeyController(UkeyChallenges challenges, UkeyMiddleware middleware, AuditService audit, Clock clock) {
        this.challenges = challenges;
        this.middleware = middleware;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A challenge for this session: for the second step when its password was verified (and that
     * step has not lapsed), else for signing in with the key alone.
     */
    @PostMapping("/login/ukey/challenge")
    @ResponseBody
    Map<String, Object> challenge(HttpServletRequest request) {
        HttpSession session = request.getSession();
        UkeySession.PendingStep pending = pending(session);
        String challenge = pending != null
                ? challenges.issue(session.getId(), UkeyChallenges.Purpose.SECOND_FACTOR, pending.accountId())
                : challenges.issue(session.getId(), UkeyChallenges.Purpose.SIGN_IN, null);
        return Map.of("challenge", challenge, "expiresInSeconds", challenges.ttl().toSeconds());
    }

    /** The second step: the page that asks for the key, or the sign-in page when there is no step. */
    @GetMapping("/login/second-factor")
    String secondFactor(HttpServletRequest request, Model model) {
        HttpSession session = request.getSession(false);
        UkeySession.PendingStep pending = session == null ? null : pending(session);
        if (pending == null) {
            return "redirect:/login";
        }
        model.addAttribute("pendingDisplayName", pending.displayName());
        model.addAttribute("ukeyMiddlewareUrl", middleware.url());
        model.addAttribute("ukeyAdapter", middleware.adapter());
        return "login-second";
    }

    /**
     * The page saw the session's key leave the computer: a session signed in with a UKEY ends
     * (and says where to go); any other session is not the page's to end (409).
     */
    @PostMapping("/login/ukey/removed")
    @ResponseBody
    ResponseEntity<Map<String, String>> removed(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        Object sid = session == null ? null : session.getAttribute(UkeySession.SID);
        if (sid == null) {
            return ResponseEntity.status(409).build();
        }
        audit.event(UKEY_REMOVED)
                .target("UKEY", sid.toString())
                .params(AuditParams.of("sid", sid.toString()))
                .recordAlone();
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        logout.logout(request, response, auth);
        return ResponseEntity.ok(Map.of("redirect", request.getContextPath() + "/login?ukey="
                + UkeyRefusal.REMOVED.code()));
    }

    /** The session's pending password step while it holds. */
    private UkeySession.PendingStep pending(HttpSession session) {
        return session.getAttribute(UkeySession.PENDING) instanceof UkeySession.PendingStep step
                && step.current(clock.instant()) ? step : null;
    }
}
