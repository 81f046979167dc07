package io.vsip4x.portal.vms;

import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.PortalException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A VM's page: its facts, devices, data disks, operations and history, live. */
@Controller
class VmDetailController {

    private final VmPages pages;

    VmDetailController(VmPages pages) {
        this.pages = pages;
    }

    /** The page, or only its live part when htmx asks for it (a live update). */
    @GetMapping("/vms/{vmId}")
    String detail(@PathVariable String vmId, Model model, Locale locale, HttpServletRequest request) {
        if (VmActionController.LIVE.equals(request.getHeader("HX-Target"))) {
            try {
                pages.live(UserService.current(), vmId, model, locale);
            } catch (PortalException e) {
                if (e.status() != HttpStatus.NOT_FOUND) {
                    throw e;
                }
                // Deleted meanwhile: the live part says so instead of an error.
                return "vms/detail :: gone";
            }
            return "vms/detail :: live";
        }
        pages.page(UserService.current(), vmId, model, locale);
        return "vms/detail";
    }
}
