package io.vsip4x.portal.requests;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.PortalException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The approver's queue: filter and sort it, approve, reject with a reason or ask for changes, one
 * request or several at once. Open to whoever decides at some level, or stands in for someone.
 */
@Controller
class ApprovalController {

    private final RequestService requests;
    private final ApprovalWorkflow workflow;
    private final ApprovalQueue queue;
    private final BulkDecisions bulk;

    ApprovalController(RequestService requests, ApprovalWorkflow workflow, ApprovalQueue queue,
            BulkDecisions bulk) {
        this.requests = requests;
        this.workflow = workflow;
        this.queue = queue;
        this.bulk = bulk;
    }

    /** The queue's filter as the page sends it. */
    record QueueParams(String kind, String requester, String tenant, String q, String sort, Boolean reverse) {

        ApprovalQueue.Filter filter() {
            return new ApprovalQueue.Filter(parse(RequestKind.class, kind), requester, tenant, q,
                    parse(ApprovalQueue.Sort.class, sort), Boolean.TRUE.equals(reverse));
        }

        static <E extends Enum<E>> E parse(Class<E> type, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** The queue and recent decisions; only the rows when htmx refreshes them. */
    @GetMapping("/approvals")
    String page(@ModelAttribute("params") QueueParams params, Model model, HttpServletRequest request) {
        CurrentUser user = allowed();
        fill(model, user, params);
        return "approval-rows".equals(request.getHeader("HX-Target")) ? "approvals/queue :: rows"
                : "approvals/queue";
    }

    @PostMapping("/approvals/{id}/approve")
    String approve(@PathVariable long id, @RequestParam(required = false) Integer version,
            @RequestParam(required = false) String comment, @ModelAttribute("params") QueueParams params,
            Model model, HttpServletRequest request) {
        CurrentUser user = allowed();
        requests.approve(user, id, version, comment);
        return answer(model, user, params, request, "approvals.approved", id);
    }

    @PostMapping("/approvals/{id}/reject")
    String reject(@PathVariable long id, @RequestParam(required = false) Integer version,
            @RequestParam(required = false) String reason, @ModelAttribute("params") QueueParams params,
            Model model, HttpServletRequest request) {
        CurrentUser user = allowed();
        requests.reject(user, id, version, reason);
        return answer(model, user, params, request, "approvals.rejected", id);
    }

    @PostMapping("/approvals/{id}/changes")
    String askForChanges(@PathVariable long id, @RequestParam(required = false) Integer version,
            @RequestParam(required = false) String reason, @ModelAttribute("params") QueueParams params,
            Model model, HttpServletRequest request) {
        CurrentUser user = allowed();
        workflow.askForChanges(user, id, version, reason);
        return answer(model, user, params, request, "approvals.changesAsked", id);
    }

    /** Approves or rejects every selected request; the page lists what became of each. */
    @PostMapping("/approvals/bulk")
    String decideSelected(@RequestParam(name = "selected", required = false) List<String> selected,
            @RequestParam(required = false) String action, @RequestParam(required = false) String reason,
            @ModelAttribute("params") QueueParams params, Model model, Locale locale, HttpServletRequest request) {
        CurrentUser user = allowed();
        List<BulkDecisions.Choice> choices = selected == null ? List.of()
                : selected.stream().map(BulkDecisions.Choice::parse).toList();
        List<BulkDecisions.Outcome> outcomes = bulk.decide(user, choices, QueueParams.parse(
                BulkDecisions.Action.class, action), reason, locale);
        fill(model, user, params);
        model.addAttribute("outcomes", outcomes);
        return request.getHeader("HX-Request") == null ? "approvals/queue" : "approvals/queue :: rows";
    }

    private String answer(Model model, CurrentUser user, QueueParams params, HttpServletRequest request,
            String flashKey, long id) {
        if (request.getHeader("HX-Request") == null) {
            return "redirect:/approvals";
        }
        fill(model, user, params);
        model.addAttribute("flashKey", flashKey);
        model.addAttribute("flashId", id);
        return "approvals/queue :: rows";
    }

    private CurrentUser allowed() {
        CurrentUser user = UserService.current();
        if (!queue.worksQueue(user)) {
            throw PortalException.forbidden("error.forbidden");
        }
        return user;
    }

    private void fill(Model model, CurrentUser user, QueueParams params) {
        model.addAttribute("queue", queue.rows(user, params.filter()));
        model.addAttribute("decided", requests.recentlyDecided(user));
        model.addAttribute("kinds", RequestKind.values());
        model.addAttribute("sorts", ApprovalQueue.Sort.values());
        model.addAttribute("chainTenant", user.has(Role.TENANT_ADMIN) ? user.tenantCode() : null);
    }
}
