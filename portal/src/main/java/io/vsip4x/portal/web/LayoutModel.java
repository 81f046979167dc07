package io.vsip4x.portal.web;

import io.vsip4x.portal.admin.dashboard.Licence;
import io.vsip4x.portal.admin.dashboard.LicenceWatch;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.identity.ukey.UkeyMiddleware;
import io.vsip4x.portal.platform.PlatformHealth;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout of every page needs: who is signed in, whether the platform answers, whether
 * the platform's licence is about to expire (for platform admins), and whether the page watches the
 * session's UKEY.
 */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class LayoutModel {

    private final PlatformHealth health;
    private final UkeyMiddleware ukeys;
    private final LicenceWatch licences;

    LayoutModel(PlatformHealth health, UkeyMiddleware ukeys, LicenceWatch licences) {
        this.health = health;
        this.ukeys = ukeys;
        this.licences = licences;
    }

    @ModelAttribute("me")
    CurrentUser me() {
        return UserService.current();
    }

    @ModelAttribute("platformReachable")
    boolean platformReachable() {
        return health.reachable();
    }

    /**
     * The licence to warn a platform admin about ({@link LicenceWatch#banner}, from memory, never waiting
     * for the platform), or {@code null}: for everyone else, or when it is far from expiry or not known.
     */
    @ModelAttribute("licenceBanner")
    Licence licenceBanner() {
        CurrentUser me = UserService.current();
        return me != null && me.canOperate() ? licences.banner() : null;
    }

    /** The session's key to watch ({@link UkeyMiddleware#watch}), or {@code null}. */
    @ModelAttribute("ukeyWatch")
    UkeyMiddleware.Watch ukeyWatch(HttpServletRequest request) {
        return UserService.current() == null ? null : ukeys.watch(request.getSession(false));
    }
}
