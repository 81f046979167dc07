package io.vsip4x.portal.web;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.platform.PlatformHealth;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout of every page needs: who is signed in, and whether the platform answers. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class LayoutModel {

    private final PlatformHealth health;

    LayoutModel(PlatformHealth health) {
        this.health = health;
    }

    @ModelAttribute("me")
    CurrentUser me() {
        return UserService.current();
    }

    @ModelAttribute("platformReachable")
    boolean platformReachable() {
        return health.reachable();
    }
}
