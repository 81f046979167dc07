package io.vsip4x.portal.guest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.UserService;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The guest tasks of a VM as JSON: the same rules and codes as its guest page ({@link GuestService}).
 * Refusals: 404 (VM not the caller's, 2004; 2060 no NIC of that MAC), 403 (may only look), 400 with
 * errors per field or code 2003 (also a URL on a guest that is not Windows), 409 with 2050 (not
 * running), 2052 (busy, or nobody signed in to lock) or no code (guest agent not running), 503
 * when the platform cannot be reached (nor asked whether the guest agent runs).
 */
@RestController
@RequestMapping("/api/v1/vms/{vmId}/guest")
@Tag(name = "guest", description = "Tasks inside a running VM through its guest agent")
class GuestApiController {

    private final GuestService guest;
    private final GuestPages pages;

    GuestApiController(GuestService guest, GuestPages pages) {
        this.guest = guest;
        this.pages = pages;
    }

    /** The guest's state. */
    record GuestView(String vmId, Integer status, boolean agentOn, boolean windows, String os, boolean tasksEnabled,
            String refusalCode, String refusal) {
    }

    /** A static address: the DNS servers as a list. */
    record AddressBody(String ipAddress, String subnetMask, String gateway, List<String> dnsServers) {
    }

    /** A URL to open. */
    record UrlBody(String url) {
    }

    /** A sign-in: the credential is passed on and forgotten. */
    record LoginBody(String username, String credential) {

        @Override
        public String toString() {
            return "LoginBody[username=" + username + "]";
        }
    }

    /** A text file to write. */
    record FileBody(String path, String content) {

        @Override
        public String toString() {
            return "FileBody[path=" + path + "]";
        }
    }

    @GetMapping
    @Operation(summary = "Whether the guest agent runs (agentOn), whether the guest is Windows, and why the tasks "
            + "are disabled (refusal, refusalCode) when they are; 404 when the VM is not the caller's to see")
    GuestView state(@PathVariable String vmId, Locale locale) {
        GuestPages.GuestPage page = pages.page(UserService.current(), vmId, locale);
        return new GuestView(vmId, page.vm().status(), page.agentOn(), page.windows(), page.os(), page.enabled(),
                page.refusalCode(), page.refusalText());
    }

    @GetMapping("/nics/{mac}/address")
    @Operation(summary = "The address the guest reports for its NIC of MAC address mac (task getIPAddr)")
    GuestService.Address readAddress(@PathVariable String vmId, @PathVariable String mac) {
        return guest.readAddress(UserService.current(), vmId, mac);
    }

    @PutMapping("/nics/{mac}/address")
    @Operation(summary = "Sets a static address on the guest's NIC of MAC address mac (task setIPAddr): "
            + "ipAddress, subnetMask, gateway in the subnet, dnsServers")
    GuestService.Done setAddress(@PathVariable String vmId, @PathVariable String mac, @RequestBody AddressBody body) {
        return guest.setAddress(UserService.current(), vmId, mac,
                new GuestInput.AddressInput(body.ipAddress(), body.subnetMask(), body.gateway(), body.dnsServers()));
    }

    @PostMapping("/nics/{mac}/dhcp")
    @Operation(summary = "Makes the guest's NIC of MAC address mac take its address by DHCP (task setIPDhcp)")
    GuestService.Done dhcp(@PathVariable String vmId, @PathVariable String mac) {
        return guest.setDhcp(UserService.current(), vmId, mac);
    }

    @GetMapping("/processes")
    @Operation(summary = "The guest's processes (task getVMProcess), sorted by sort (name, pid, cpu, memory) "
            + "and dir (asc, desc)")
    List<GuestService.Process> processes(@PathVariable String vmId, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String dir) {
        return guest.processes(UserService.current(), vmId, GuestSort.of(sort, dir));
    }

    @GetMapping("/software")
    @Operation(summary = "The guest's installed software (task getVMSoft), sorted by sort (name, version) and dir")
    List<GuestService.Software> software(@PathVariable String vmId, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String dir) {
        return guest.software(UserService.current(), vmId, GuestSort.of(sort, dir));
    }

    @PostMapping("/open-url")
    @Operation(summary = "Opens a browser at an absolute http(s) url in a Windows guest (task guest-open-url); "
            + "400 with 2003 for other guests; a URL with user info (user:password@) is refused (400); "
            + "the operation log keeps scheme://host[:port]/path only")
    GuestService.Done openUrl(@PathVariable String vmId, @RequestBody UrlBody body) {
        return guest.openUrl(UserService.current(), vmId, body.url());
    }

    @PostMapping("/login")
    @Operation(summary = "Signs a user in to the guest OS (loginVmOS); the credential is neither kept nor logged")
    GuestService.Done login(@PathVariable String vmId, @RequestBody LoginBody body) {
        return guest.login(UserService.current(), vmId, body.username(), body.credential());
    }

    @PostMapping("/lock")
    @Operation(summary = "Locks the guest's session (lockVmOS); 409 with 2052 when nobody is signed in")
    GuestService.Done lock(@PathVariable String vmId) {
        return guest.lock(UserService.current(), vmId);
    }

    @PostMapping("/logout")
    @Operation(summary = "Ends the guest's session (logoutVmOS)")
    GuestService.Done logout(@PathVariable String vmId) {
        return guest.logout(UserService.current(), vmId);
    }

    @PostMapping("/files")
    @Operation(summary = "Writes content as UTF-8 text (at most 1 MiB) to the absolute path (/... or C:\\...; "
            + "no . or .. segments) in the guest (pushFileContent), replacing a file there")
    GuestService.Done pushFile(@PathVariable String vmId, @RequestBody FileBody body) {
        return guest.pushFile(UserService.current(), vmId, body.path(), body.content());
    }
}
