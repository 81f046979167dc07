package io.vsip4x.portal.requests;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The approver's queue: approve, or reject with a reason. */
@Controller
@PreAuthorize("hasRole('APPROVER')")
class ApprovalController {

    private final RequestService requests;

    ApprovalController(RequestService requests) {
        this.requests = requests;
    }

    /** The queue and recent decisions; only the queue when htmx refreshes it. */
    @GetMapping("/approvals")
    String queue(Model model, HttpServletRequest request) {
        fill(model, UserService.current());
        return "approval-rows".equals(request.getHeader("HX-Target")) ? "approvals/queue :: rows"
                : "approvals/queue";
    }

    @PostMapping("/approvals/{id}/approve")
    String approve(@PathVariable long id, Model model, HttpServletRequest request) {
        CurrentUser user = UserService.current();
        requests.approve(user, id);
        return answer(model, user, request, "approvals.approved", id);
    }

    @PostMapping("/approvals/{id}/reject")
    String reject(@PathVariable long id, @RequestParam(required = false) String reason, Model model,
            HttpServletRequest request) {
        CurrentUser user = UserService.current();
        requests.reject(user, id, reason);
        return answer(model, user, request, "approvals.rejected", id);
    }

    private String answer(Model model, CurrentUser user, HttpServletRequest request, String flashKey, long id) {
        if (request.getHeader("HX-Request") == null) {
            return "redirect:/approvals";
        }
        fill(model, user);
        model.addAttribute("flashKey", flashKey);
        model.addAttribute("flashId", id);
        return "approvals/queue :: rows";
    }

    private void fill(Model model, CurrentUser user) {
        model.addAttribute("queue", requests.queue(user));
        model.addAttribute("decided", requests.recentlyDecided(user));
    }
}
