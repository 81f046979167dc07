package io.vsip4x.portal.identity.ukey;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.ViewerZones;
import io.vsip4x.portal.web.Times;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.TransactionException;
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

    private static final Logger log = LoggerFactory.getLogger(UkeyController.class);

    private final UkeyChallenges challenges;
    private final UkeyMiddleware middleware;
    private final UkeyBindings bindings;
    private final ViewerZones zones;
    private final Times times;
    private final AuditService audit;
    private final Clock clock;
    private final SecurityContextLogoutHandler logout = new SecurityContextLogoutHandler();

    UkeyController(UkeyChallenges challenges, UkeyMiddleware middleware, UkeyBindings bindings, ViewerZones zones,
            Times times, AuditService audit, Clock clock) {
        this.challenges = challenges;
        this.middleware = middleware;
        this.bindings = bindings;
        this.zones = zones;
        this.times = times;
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

    /**
     * The second step: the page that asks for the key (with the serials of the account's keys, so
     * that it offers the right one, and until when the step holds, in the person's own zone), or
     * that the step lapsed; the sign-in page when there is no step.
     */
    @GetMapping("/login/second-factor")
    String secondFactor(HttpServletRequest request, Model model) {
        UkeySession.PendingStep step = UkeySession.step(request.getSession(false)).orElse(null);
        if (step == null) {
            return "redirect:/login";
        }
        Instant now = clock.instant();
        ZoneId zone = zones.chosen(step.accountId()).orElse(zones.portalZone());
        model.addAttribute("pendingDisplayName", step.displayName());
        model.addAttribute("stepLapsed", !step.current(now));
        model.addAttribute("stepUntil", times.timeOfDay(step.expiresAt(), zone));
        model.addAttribute("stepMillisLeft", Math.max(0, Duration.between(now, step.expiresAt()).toMillis()));
        model.addAttribute("accountSids", String.join(" ", bindings.ofAccount(step.accountId()).stream()
                .filter(UkeyBinding::active).map(UkeyBinding::sid).toList()));
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
        try {
            audit.event(UKEY_REMOVED)
                    .target("UKEY", sid.toString())
                    .params(AuditParams.of("sid", sid.toString()))
                    .recordAlone();
        } catch (DataAccessException | TransactionException e) {
            // The session ends all the same: a key that left the computer signs nothing in.
            log.error("The removal of UKEY '{}' could not be logged: {}", sid, e.toString());
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        logout.logout(request, response, auth);
        return ResponseEntity.ok(Map.of("redirect", request.getContextPath() + "/login?ukey="
                + UkeyRefusal.REMOVED.code()));
    }

    /** The session's pending password step while it holds. */
    private UkeySession.PendingStep pending(HttpSession session) {
        return UkeySession.pending(session, clock.instant()).orElse(null);
    }
}
