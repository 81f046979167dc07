package io.vsip4x.portal.notifications;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's inbox in the API. */
@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications", description = "The caller's inbox")
class InboxApiController {

    private final InboxService inbox;

    InboxApiController(InboxService inbox) {
        this.inbox = inbox;
    }

    /** The inbox: how many are unread, and the newest notifications (at most 200), newest first. */
    record Inbox(int unread, List<NotificationView> items) {
    }

    /** The unread count alone. */
    record Unread(int unread) {
    }

    @GetMapping
    @Operation(summary = "The caller's notifications, newest first, in the caller's language")
    Inbox list(Locale locale) {
        CurrentUser user = UserService.current();
        return new Inbox(inbox.unread(user.id()), inbox.list(user, locale));
    }

    @GetMapping("/unread-count")
    @Operation(summary = "How many of the caller's notifications are unread")
    Unread unread() {
        return new Unread(inbox.unread(UserService.current().id()));
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Marks one of the caller's notifications read; answers the unread count")
    Unread read(@PathVariable long id) {
        CurrentUser user = UserService.current();
        inbox.markRead(user, id);
        return new Unread(inbox.unread(user.id()));
    }

    @PostMapping("/read-all")
    @Operation(summary = "Marks every notification of the caller read; answers the unread count")
    Unread readAll() {
        CurrentUser user = UserService.current();
        inbox.markAllRead(user);
        return new Unread(inbox.unread(user.id()));
    }
}
