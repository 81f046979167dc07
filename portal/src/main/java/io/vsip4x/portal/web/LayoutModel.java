package io.vsip4x.portal.web;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.identity.ukey.UkeyMiddleware;
import io.vsip4x.portal.platform.PlatformHealth;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout of every page needs: who is signed in, whether the platform answers, and
 * whether the page watches the session's UKEY.
 */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class LayoutModel {

    private final PlatformHealth health;
    private final UkeyMiddleware ukeys;

    LayoutModel(PlatformHealth health, UkeyMiddleware ukeys) {
        this.health = health;
        this.ukeys = ukeys;
    }

    @ModelAttribute("me")
    CurrentUser me() {
        return UserService.current();
    }

    @ModelAttribute("platformReachable")
    boolean platformReachable() {
        return health.reachable();
    }

    /** The session's key to watch ({@link UkeyMiddleware#watch}), or {@code null}. */
    @ModelAttribute("ukeyWatch")
    UkeyMiddleware.Watch ukeyWatch(HttpServletRequest request) {
        return UserService.current() == null ? null : ukeys.watch(request.getSession(false));
    }
}
