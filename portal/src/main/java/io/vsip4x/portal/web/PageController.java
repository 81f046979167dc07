package io.vsip4x.portal.web;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.identity.ukey.UkeyMiddleware;
import io.vsip4x.portal.identity.ukey.UkeySession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.bind.annotation.ResponseBody;

/** Sign-in, the start page, and the live-update stream. */
@Controller
class PageController {

    private final LiveUpdates live;
    private final UkeyMiddleware ukeys;
    private final Clock clock;

    PageController(LiveUpdates live, UkeyMiddleware ukeys, Clock clock) {
        this.live = live;
        this.ukeys = ukeys;
        this.clock = clock;
    }

    /**
     * The sign-in page, with where its UKEY tab finds the key middleware, and whose sign-in waits
     * for its UKEY in this session (a verified password whose step still holds), if anyone's.
     */
    @GetMapping("/login")
    String login(HttpServletRequest request, Model model) {
        UkeySession.pending(request.getSession(false), clock.instant())
                .ifPresent(step -> model.addAttribute("pendingDisplayName", step.displayName()));
        model.addAttribute("ukeyMiddlewareUrl", ukeys.url());
        model.addAttribute("ukeyAdapter", ukeys.adapter());
        return "login";
    }

    /** Each person starts where their work is. */
    @GetMapping("/")
    String home() {
        CurrentUser user = UserService.current();
        if (user.has(Role.USER)) {
            return "redirect:/vms";
        }
        if (user.has(Role.APPROVER)) {
            return "redirect:/approvals";
        }
        if (user.has(Role.AUDITOR) || user.has(Role.SECURITY_ADMIN)) {
            return "redirect:/audit";
        }
        if (user.has(Role.PLATFORM_ADMIN)) {
            return "redirect:/admin";
        }
        return "redirect:/vms";
    }

    /**
     * Server-sent events for the signed-in person's tenant; a browser reconnecting after its
     * stream dropped names the last event it saw (a page's first stream: the newest event when the
     * page was made, {@code since}), and is told to resynchronize when it missed some.
     */
    @GetMapping(path = "/live", produces = "text/event-stream")
    @ResponseBody
    SseEmitter live(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(name = "since", required = false) String since, HttpSession session) {
        CurrentUser user = UserService.current();
        return live.subscribe(user.has(Role.PLATFORM_ADMIN) ? null : user.tenantId() == null ? -1L : user.tenantId(),
                user.id(), lastEventId != null ? lastEventId : since, session.getId());
    }
}
