package io.vsip4x.portal.notifications;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the top bar's inbox link needs on every page: the signed-in person's unread count. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class InboxModel {

    private final InboxService inbox;

    InboxModel(InboxService inbox) {
        this.inbox = inbox;
    }

    /** The count, on pages only: the live-update stream (and its async dispatch) renders none. */
    @ModelAttribute("inboxUnread")
    Integer inboxUnread(HttpServletRequest request) {
        CurrentUser user = UserService.current();
        if (user == null || request.getDispatcherType() == DispatcherType.ASYNC
                || "/live".equals(request.getRequestURI().substring(request.getContextPath().length()))) {
            return null;
        }
        return inbox.unread(user.id());
    }
}
