package io.vsip4x.portal.network;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.FieldProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The VM's NIC page: its NICs, a form to add one and one per NIC to change it. A form posted by
 * htmx gets the page's NIC section back (with the messages beside the fields when the input is
 * bad); a plain post is redirected to the page, or shown again with the messages.
 */
@Controller
class NicController {

    /** The id of the page's section the forms refresh. */
    static final String SECTION = "#nics";

    private final NicService nics;
    private final MessageSource messages;

    NicController(NicService nics, MessageSource messages) {
        this.nics = nics;
        this.messages = messages;
    }

    /**
     * A NIC form as posted.
     *
     * @param dnsServers the DNS servers in one text, separated by commas
     */
    record NicForm(String network, String ipAddress, String subnetMask, String gateway, String dnsServers) {

        NicRequest request() {
            return NicRequest.ofForm(network, ipAddress, subnetMask, gateway, dnsServers);
        }
    }

    @GetMapping("/vms/{vmId}/nics")
    String page(@PathVariable String vmId, Model model, Locale locale, HttpServletRequest request) {
        fill(model, UserService.current(), vmId, locale, null, null, Map.of(), null);
        return view(request);
    }

    /** Adds a NIC. */
    @PostMapping("/vms/{vmId}/nics")
    String add(@PathVariable String vmId, @ModelAttribute NicForm form, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        CurrentUser user = UserService.current();
        try {
            NicService.Nic added = nics.add(user, vmId, form.request());
            return done(vmId, model, user, locale, request, "vm.nic.added", added.macAddress());
        } catch (FieldProblems problems) {
            return refused(vmId, model, user, locale, request, response, "add", form, problems);
        }
    }

    /** Changes the NIC of MAC {@code mac}. */
    @PostMapping("/vms/{vmId}/nics/{mac}")
    String change(@PathVariable String vmId, @PathVariable String mac, @ModelAttribute NicForm form, Model model,
            Locale locale, HttpServletRequest request, HttpServletResponse response) {
        CurrentUser user = UserService.current();
        try {
            NicService.Nic changed = nics.change(user, vmId, mac, form.request());
            return done(vmId, model, user, locale, request, "vm.nic.changed", changed.macAddress());
        } catch (FieldProblems problems) {
            return refused(vmId, model, user, locale, request, response, mac, form, problems);
        }
    }

    private String done(String vmId, Model model, CurrentUser user, Locale locale, HttpServletRequest request,
            String noticeKey, String mac) {
        if (request.getHeader("HX-Request") == null) {
            return "redirect:/vms/" + vmId + "/nics";
        }
        fill(model, user, vmId, locale, null, null, Map.of(), messages.getMessage(noticeKey, new Object[] {mac},
                locale));
        return "network/nics :: nics";
    }

    private String refused(String vmId, Model model, CurrentUser user, Locale locale, HttpServletRequest request,
            HttpServletResponse response, String formId, NicForm form, FieldProblems problems) {
        Map<String, String> errors = new LinkedHashMap<>();
        problems.problems().forEach(p -> errors.putIfAbsent(p.field(),
                messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Retarget", SECTION);
            response.setHeader("HX-Reswap", "outerHTML");
        }
        fill(model, user, vmId, locale, formId, form, errors, null);
        return view(request);
    }

    private void fill(Model model, CurrentUser user, String vmId, Locale locale, String formId, NicForm form,
            Map<String, String> errors, String notice) {
        NicService.NicPage page = nics.page(user, vmId, locale);
        model.addAttribute("page", page);
        model.addAttribute("vm", page.vm());
        model.addAttribute("formId", formId);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("notice", notice);
    }

    private static String view(HttpServletRequest request) {
        return request.getHeader("HX-Request") != null ? "network/nics :: nics" : "network/nics";
    }
}
