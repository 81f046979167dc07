package io.vsip4x.portal.guest;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.network.NicAddresses;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The VM's guest page: the agent's state and one form per task. Every task answers with the
 * page's guest section (htmx) or the whole page, showing the task's result or notice; bad input
 * comes back with its messages beside the fields (400). A credential is never shown again.
 */
@Controller
class GuestController {

    /** The id of the page's section every task refreshes. */
    static final String SECTION = "#guest";

    private final GuestService guest;
    private final GuestPages pages;
    private final MessageSource messages;

    GuestController(GuestService guest, GuestPages pages, MessageSource messages) {
        this.guest = guest;
        this.pages = pages;
        this.messages = messages;
    }

    @GetMapping("/vms/{vmId}/guest")
    String page(@PathVariable String vmId, Model model, Locale locale, HttpServletRequest request) {
        return show(model, vmId, locale, request);
    }

    /**
     * The page's live check, asked on every VM event and every few seconds (the agent's state is
     * known only by asking): nothing (204) while the VM and its agent look as the page shows them
     * ({@code seen}), else the page's guest section, which replaces the old one.
     */
    @GetMapping("/vms/{vmId}/guest/state")
    String state(@PathVariable String vmId, @RequestParam(required = false) String seen, Model model,
            Locale locale, HttpServletRequest request, HttpServletResponse response) {
        GuestPages.GuestPage page = pages.page(user(), vmId, locale);
        if (page.fingerprint().equals(seen)) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return null;
        }
        model.addAttribute("page", page);
        response.setHeader("HX-Retarget", SECTION);
        response.setHeader("HX-Reswap", "outerHTML");
        return show(model, vmId, locale, request);
    }

    /** Reads the guest's address of a NIC: a POST, as the task is asked of the guest and logged. */
    @PostMapping("/vms/{vmId}/guest/address/read")
    String readAddress(@PathVariable String vmId, @RequestParam(required = false) String macAddress, Model model,
            Locale locale, HttpServletRequest request, HttpServletResponse response) {
        return task(model, vmId, locale, request, response, "read-ip", Map.of("macAddress", text(macAddress)),
                () -> model.addAttribute("address", guest.readAddress(user(), vmId, macAddress)));
    }

    @PostMapping("/vms/{vmId}/guest/address")
    String setAddress(@PathVariable String vmId, @RequestParam Map<String, String> form, Model model,
            Locale locale, HttpServletRequest request, HttpServletResponse response) {
        GuestInput.AddressInput input = new GuestInput.AddressInput(form.get("ipAddress"), form.get("subnetMask"),
                form.get("gateway"), NicAddresses.dnsList(form.get("dnsServers")));
        return task(model, vmId, locale, request, response, "set-ip", form,
                () -> notice(model, locale, guest.setAddress(user(), vmId, form.get("macAddress"), input)));
    }

    @PostMapping("/vms/{vmId}/guest/dhcp")
    String dhcp(@PathVariable String vmId, @RequestParam(required = false) String macAddress, Model model,
            Locale locale, HttpServletRequest request, HttpServletResponse response) {
        return task(model, vmId, locale, request, response, "dhcp", Map.of("macAddress", text(macAddress)),
                () -> notice(model, locale, guest.setDhcp(user(), vmId, macAddress)));
    }

    /** The guest's processes: a POST, as the task is asked of the guest and logged. */
    @PostMapping("/vms/{vmId}/guest/processes")
    String processes(@PathVariable String vmId, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String dir, Model model, Locale locale, HttpServletRequest request,
            HttpServletResponse response) {
        GuestSort order = GuestSort.of(sort, dir);
        model.addAttribute("sort", order);
        return task(model, vmId, locale, request, response, "processes", Map.of(),
                () -> model.addAttribute("processes", guest.processes(user(), vmId, order)));
    }

    /** The guest's software: a POST, as the task is asked of the guest and logged. */
    @PostMapping("/vms/{vmId}/guest/software")
    String software(@PathVariable String vmId, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String dir, Model model, Locale locale, HttpServletRequest request,
            HttpServletResponse response) {
        GuestSort order = GuestSort.of(sort, dir);
        model.addAttribute("sort", order);
        return task(model, vmId, locale, request, response, "software", Map.of(),
                () -> model.addAttribute("software", guest.software(user(), vmId, order)));
    }

    @PostMapping("/vms/{vmId}/guest/open-url")
    String openUrl(@PathVariable String vmId, @RequestParam(required = false) String url, Model model,
            Locale locale, HttpServletRequest request, HttpServletResponse response) {
        return task(model, vmId, locale, request, response, "open-url", Map.of("url", text(url)),
                () -> notice(model, locale, guest.openUrl(user(), vmId, url)));
    }

    /** Signs in to the guest OS; the credential is used once and never put back into the form. */
    @PostMapping("/vms/{vmId}/guest/login")
    String login(@PathVariable String vmId, @RequestParam(required = false) String username,
            @RequestParam(required = false) String credential, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        return task(model, vmId, locale, request, response, "login", Map.of("username", text(username)),
                () -> notice(model, locale, guest.login(user(), vmId, username, credential)));
    }

    @PostMapping("/vms/{vmId}/guest/lock")
    String lock(@PathVariable String vmId, Model model, Locale locale, HttpServletRequest request,
            HttpServletResponse response) {
        return task(model, vmId, locale, request, response, "lock", Map.of(),
                () -> notice(model, locale, guest.lock(user(), vmId)));
    }

    @PostMapping("/vms/{vmId}/guest/logout")
    String logout(@PathVariable String vmId, Model model, Locale locale, HttpServletRequest request,
            HttpServletResponse response) {
        return task(model, vmId, locale, request, response, "logout", Map.of(),
                () -> notice(model, locale, guest.logout(user(), vmId)));
    }

    @PostMapping("/vms/{vmId}/guest/files")
    String pushFile(@PathVariable String vmId, @RequestParam(required = false) String path,
            @RequestParam(required = false) String content, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        return task(model, vmId, locale, request, response, "file", Map.of("path", text(path), "content",
                text(content)), () -> notice(model, locale, guest.pushFile(user(), vmId, path, content)));
    }

    /**
     * Runs a task; on bad input answers 400 with the form's messages, keeping what was typed (a
     * credential never); after success the forms are empty again.
     */
    private String task(Model model, String vmId, Locale locale, HttpServletRequest request,
            HttpServletResponse response, String formId, Map<String, String> form, Runnable work) {
        Map<String, String> kept = new LinkedHashMap<>(form);
        kept.remove("credential");
        kept.remove("_csrf");
        model.addAttribute("formId", formId);
        try {
            work.run();
        } catch (FieldProblems problems) {
            model.addAttribute("form", kept);
            Map<String, String> errors = new LinkedHashMap<>();
            problems.problems().forEach(p -> errors.putIfAbsent(p.field(),
                    messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
            model.addAttribute("errors", errors);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Retarget", SECTION);
                response.setHeader("HX-Reswap", "outerHTML");
            }
        }
        return show(model, vmId, locale, request);
    }

    private String show(Model model, String vmId, Locale locale, HttpServletRequest request) {
        if (!model.containsAttribute("page")) {
            model.addAttribute("page", pages.page(user(), vmId, locale));
        }
        model.addAttribute("vm", ((GuestPages.GuestPage) model.getAttribute("page")).vm());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
        }
        return request.getHeader("HX-Request") != null ? "guest/guest :: guest" : "guest/guest";
    }

    private void notice(Model model, Locale locale, GuestService.Done done) {
        model.addAttribute("notice", messages.getMessage("vm.guest.done." + done.task(), null, locale));
    }

    private static CurrentUser user() {
        return UserService.current();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
