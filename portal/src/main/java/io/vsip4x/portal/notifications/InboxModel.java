package io.vsip4x.portal.notifications;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the top bar's inbox link needs on every page: the signed-in person's unread count. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class InboxModel {

    private final InboxService inbox;

    InboxModel(InboxService inbox) {
        this.inbox = inbox;
    }

    @ModelAttribute("inboxUnread")
    Integer inboxUnread() {
        CurrentUser user = UserService.current();
        return user == null ? null : inbox.unread(user.id());
    }
}
