package io.vsip4x.portal.requests;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.FieldProblems;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Requests and approvals as JSON. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Requests", description = "Asking for VMs, and deciding on what others asked")
class RequestApiController {

    private final RequestService requests;
    private final RequestActions actions;
    private final ApprovalWorkflow workflow;
    private final ApprovalQueue queue;
    private final BulkDecisions bulk;
    private final DataDiskFacts diskFacts;

    RequestApiController(RequestService requests, RequestActions actions, ApprovalWorkflow workflow,
            ApprovalQueue queue, BulkDecisions bulk, DataDiskFacts diskFacts) {
        this.requests = requests;
        this.actions = actions;
        this.workflow = workflow;
        this.queue = queue;
        this.bulk = bulk;
        this.diskFacts = diskFacts;
    }

    /** A decision's optional version (the one the approver saw) and text (a comment, or the reason). */
    record DecisionBody(Integer version, String comment, String reason) {
    }

    /** A comment's text. */
    record CommentBody(String body) {
    }

    /** Several requests decided at once: approve them all, or reject them all with one reason. */
    record BulkBody(List<Long> ids, String action, String reason) {
    }

    @PostMapping("/requests")
    @Operation(summary = "Ask for VMs; 400 with one message per field when anything is wrong")
    ResponseEntity<RequestView> submit(@RequestBody RequestForm form) {
        CurrentUser user = UserService.current();
        long id = requests.submit(user, form);
        return ResponseEntity.created(URI.create("/api/v1/requests/" + id))
                .body(RequestView.of(requests.get(user, id)));
    }

    @GetMapping("/requests")
    @Operation(summary = "The caller's own requests, newest first")
    List<RequestView> mine() {
        CurrentUser user = UserService.current();
        return requests.mine(user).stream().map(r -> RequestView.of(requests.get(user, r.id()))).toList();
    }

    @GetMapping("/requests/{id}")
    @Operation(summary = "One request; 404 when it is not the caller's to see")
    RequestView get(@PathVariable long id) {
        RequestService.Details d = requests.get(UserService.current(), id);
        return RequestView.of(d, workflow.undecidableLevel(d.request()).orElse(null));
    }

    @GetMapping("/approvals")
    @Operation(summary = "Requests the caller may decide at their current level (also as a deputy), with the "
            + "requester's usage, the tenant's free quota and the platform's room; filter by kind, requester, "
            + "tenant (platform admins) and text q; sort by age, size or requester")
    List<QueueItemView> queue(@RequestParam(required = false) String kind,
            @RequestParam(required = false) String requester, @RequestParam(required = false) String tenant,
            @RequestParam(required = false) String q, @RequestParam(required = false) String sort,
            @RequestParam(required = false) Boolean reverse) {
        ApprovalController.QueueParams params = new ApprovalController.QueueParams(kind, requester, tenant, q, sort,
                reverse);
        return queue.rows(UserService.current(), params.filter()).stream()
                .map(row -> QueueItemView.of(row, diskFacts)).toList();
    }

    @PostMapping("/approvals/decide")
    @Operation(summary = "Approve or reject several requests, each on its own; the answer says what became of "
            + "each (decided, or why not)")
    List<BulkDecisions.Outcome> decideSeveral(@RequestBody BulkBody body, Locale locale) {
        List<BulkDecisions.Choice> choices = body == null || body.ids() == null ? List.of()
                : body.ids().stream().map(id -> new BulkDecisions.Choice(id, null)).toList();
        BulkDecisions.Action action = body == null ? null
                : ApprovalController.QueueParams.parse(BulkDecisions.Action.class, body.action());
        return bulk.decide(UserService.current(), choices, action, body == null ? null : body.reason(), locale);
    }

    @PostMapping("/requests/{id}/approve")
    @Operation(summary = "Approve at the current level; the last level's approval records 2100, reserves the "
            + "quota and queues the creation; 409 when no longer pending, changed since the optional version, "
            + "or beyond the quota")
    RequestView approve(@PathVariable long id, @RequestParam(required = false) Integer version,
            @RequestBody(required = false) DecisionBody body) {
        return RequestView.of(requests.approve(UserService.current(), id, version(version, body),
                body == null ? null : body.comment()));
    }

    @PostMapping("/requests/{id}/reject")
    @Operation(summary = "Reject with a reason; 409 when no longer pending or changed since the optional version")
    RequestView reject(@PathVariable long id, @RequestParam(required = false) Integer version,
            @RequestBody(required = false) DecisionBody body) {
        return RequestView.of(requests.reject(UserService.current(), id, version(version, body), text(body)));
    }

    @PostMapping("/requests/{id}/changes")
    @Operation(summary = "Ask the requester for changes, saying which (reason); 409 as for approve")
    RequestView askForChanges(@PathVariable long id, @RequestParam(required = false) Integer version,
            @RequestBody(required = false) DecisionBody body) {
        CurrentUser user = UserService.current();
        workflow.askForChanges(user, id, version(version, body), text(body));
        return RequestView.of(requests.get(user, id));
    }

    @PostMapping("/requests/{id}/withdraw")
    @Operation(summary = "Withdraw one's own pending request; 409 when decided or changed since the version")
    RequestView withdraw(@PathVariable long id, @RequestParam(required = false) Integer version,
            @RequestBody(required = false) DecisionBody body) {
        CurrentUser user = UserService.current();
        actions.withdraw(user, id, version(version, body));
        return RequestView.of(requests.get(user, id));
    }

    @PostMapping("/requests/{id}/resubmit")
    @Operation(summary = "Submit a request sent back for changes again, edited; it starts over at level 1")
    RequestView resubmit(@PathVariable long id, @RequestParam(required = false) Integer version,
            @RequestBody RequestForm form) {
        CurrentUser user = UserService.current();
        actions.resubmit(user, id, version, form);
        return RequestView.of(requests.get(user, id));
    }

    @GetMapping("/requests/{id}/comments")
    @Operation(summary = "The comments on a request, oldest first")
    List<RequestComment> comments(@PathVariable long id) {
        requests.get(UserService.current(), id);
        return actions.comments(id);
    }

    @PostMapping("/requests/{id}/comments")
    @Operation(summary = "Comment on a request (its requester, or whoever sees or decides it)")
    ResponseEntity<RequestComment> comment(@PathVariable long id, @RequestBody(required = false) CommentBody body) {
        List<RequestComment> all = actions.comment(UserService.current(), id, body == null ? null : body.body());
        return ResponseEntity.status(201).body(all.get(all.size() - 1));
    }

    private static Integer version(Integer param, DecisionBody body) {
        if (param != null && body != null && body.version() != null && !param.equals(body.version())) {
            throw FieldProblems.of("version", "error.field.invalid");
        }
        return param != null ? param : body == null ? null : body.version();
    }

    private static String text(DecisionBody body) {
        if (body == null) {
            return null;
        }
        return body.reason() != null ? body.reason() : body.comment();
    }
}
