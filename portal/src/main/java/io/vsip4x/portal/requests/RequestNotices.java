package io.vsip4x.portal.requests;

import io.vsip4x.portal.notifications.NotificationService;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The notifications of the request workflow: to the approvers of the level a request waits at
 * (on submission, resubmission and each new level), and to the requester on every decision.
 */
@Component
class RequestNotices {

    private final NotificationService notifications;
    private final Approvers approvers;

    RequestNotices(NotificationService notifications, Approvers approvers) {
        this.notifications = notifications;
        this.approvers = approvers;
    }

    /** Tells the approvers of {@code level} that {@code request} waits for them. */
    void toApprovers(VmRequest request, ApprovalLevel level, String key) {
        for (long approver : approvers.of(request, level)) {
            notifications.send(approver, key, List.of(String.valueOf(request.id()), request.requesterName(),
                    String.valueOf(level.levelNo())), link(request));
        }
    }

    /** Tells the requester what happened to their request; {@code detail} is a reason or a comment. */
    void toRequester(VmRequest request, String key, String detail) {
        notifications.send(request.requesterId(), key, List.of(String.valueOf(request.id()),
                detail == null ? "" : detail), link(request));
    }

    /** Tells one person of a comment on a request. */
    void comment(long userId, VmRequest request, String author) {
        notifications.send(userId, "notification.request.comment", List.of(String.valueOf(request.id()), author),
                link(request));
    }

    private static String link(VmRequest request) {
        return "/requests/" + request.id();
    }
}
