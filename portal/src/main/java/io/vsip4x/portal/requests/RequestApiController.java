package io.vsip4x.portal.requests;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Requests and approvals as JSON. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Requests", description = "Asking for VMs, and deciding on what others asked")
class RequestApiController {

    private final RequestService requests;

    RequestApiController(RequestService requests) {
        this.requests = requests;
    }

    /** The reason of a rejection. */
    record Rejection(String reason) {
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
        return RequestView.of(requests.get(UserService.current(), id));
    }

    @GetMapping("/approvals")
    @Operation(summary = "Requests waiting for the caller's decision, oldest first")
    List<RequestView> queue() {
        CurrentUser user = UserService.current();
        return requests.queue(user).stream().map(r -> RequestView.of(requests.get(user, r.id()))).toList();
    }

    @PostMapping("/requests/{id}/approve")
    @Operation(summary = "Approve (2100): reserves the quota and queues the creation; "
            + "409 when no longer pending or beyond the quota")
    RequestView approve(@PathVariable long id) {
        return RequestView.of(requests.approve(UserService.current(), id));
    }

    @PostMapping("/requests/{id}/reject")
    @Operation(summary = "Reject with a reason; 409 when no longer pending")
    RequestView reject(@PathVariable long id, @RequestBody Rejection rejection) {
        String reason = rejection == null ? null : rejection.reason();
        return RequestView.of(requests.reject(UserService.current(), id, reason));
    }
}
