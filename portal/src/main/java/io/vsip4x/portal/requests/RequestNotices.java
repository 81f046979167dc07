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

    /** The key of "a request waits for you". */
    static final String WAITING = "notification.request.waiting";

    /** The key of "nobody can decide a request at its level". */
    static final String UNDECIDABLE = "notification.request.undecidable";

    private final NotificationService notifications;
    private final Approvers approvers;

    RequestNotices(NotificationService notifications, Approvers approvers) {
        this.notifications = notifications;
        this.approvers = approvers;
    }

    /**
     * Tells the approvers of {@code level} that {@code request} waits for them. When it waits and
     * nobody but the requester could decide the level, its tenant's admins and the platform admins
     * are told instead, so that somebody names an approver.
     */
    void toApprovers(VmRequest request, ApprovalLevel level, String key) {
        List<Long> deciders = approvers.of(request, level);
        if (deciders.isEmpty() && WAITING.equals(key)) {
            for (long keeper : approvers.keepersOf(request)) {
                notifications.send(keeper, UNDECIDABLE, List.of(String.valueOf(request.id()),
                        request.requesterName(), String.valueOf(level.levelNo())), link(request));
            }
        }
        for (long approver : deciders) {
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
