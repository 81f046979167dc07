package io.vsip4x.portal.identity.ukey;

import io.vsip4x.portal.identity.UserService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** A person's own UKEY bindings, read-only: security admins bind and revoke them. */
@Controller
class OwnUkeyController {

    private final UkeyBindingService service;

    OwnUkeyController(UkeyBindingService service) {
        this.service = service;
    }

    @GetMapping("/account/ukeys")
    String own(Model model) {
        model.addAttribute("bindings", service.own(UserService.current()));
        return "ukeys/own";
    }
}
