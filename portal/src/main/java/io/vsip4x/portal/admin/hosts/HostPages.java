package io.vsip4x.portal.admin.hosts;

import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.portal.web.Times;
import io.vsip4x.sdk.model.PoolInfo;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The host pages of platform admins: the list with its filters, a host's detail with its charts
 * and a state part the page polls, the confirmation of a start or shutdown listing the VMs on the
 * host, and the form posts that ask for them.
 */
@Controller
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
class HostPages {

    private final HostDirectory directory;
    private final HostPower power;
    private final HostMonitoring monitoring;
    private final CatalogService catalog;
    private final Times times;
    private final MessageSource messages;

    HostPages(HostDirectory directory, HostPower power, HostMonitoring monitoring, CatalogService catalog,
            Times times, MessageSource messages) {
        this.messages = messages;
        this.directory = directory;
        this.power = power;
        this.monitoring = monitoring;
        this.catalog = catalog;
        this.times = times;
    }

    @GetMapping("/admin/hosts")
    String list(@RequestParam(required = false) String pool, @RequestParam(required = false) String online,
            @RequestParam(required = false) String classification, Model model, Locale locale) {
        HostFilter filter;
        try {
            filter = HostFilter.parse(pool, online, classification);
        } catch (FieldProblems e) {
            // A bad filter in the address: the list without it, and a note of what was ignored.
            Set<String> bad = e.problems().stream().map(FieldProblems.Problem::field).collect(Collectors.toSet());
            filter = HostFilter.parse(pool, bad.contains("online") ? null : online,
                    bad.contains("classification") ? null : classification);
            model.addAttribute("filterErrors", e.problems().stream()
                    .map(p -> messages.getMessage("admin.hosts.filterIgnored",
                            new Object[] {messages.getMessage(p.messageKey(), p.args(), locale)}, locale))
                    .toList());
        }
        model.addAttribute("filter", filter);
        try {
            model.addAttribute("hosts", directory.list(filter));
            model.addAttribute("pools", pools());
        } catch (PortalException e) {
            if (!HostDirectory.UNKNOWN_POOL.equals(e.messageKey())) {
                throw e;
            }
            // An unknown pool in the address: the page stays, with its pools to choose from.
            model.addAttribute("hosts", List.of());
            model.addAttribute("pools", pools());
            model.addAttribute("poolError", messages.getMessage(e.messageKey(), e.args(), locale));
        } catch (PlatformUnavailableException e) {
            model.addAttribute("hosts", List.of());
            model.addAttribute("pools", List.of());
            model.addAttribute("unavailable", true);
        }
        return "admin/hosts";
    }

    @GetMapping("/admin/hosts/{hostId}")
    String detail(@PathVariable String hostId, Model model, Locale locale) {
        model.addAttribute("hostId", hostId);
        model.addAttribute("timeZone", times.zoneId());
        orNote(model, () -> {
            HostDetail detail = directory.detail(hostId, locale);
            model.addAttribute("detail", detail);
            model.addAttribute("state", new HostState(detail.host(), detail.lastOperation()));
        });
        return "admin/host";
    }

    /** The part of the detail page that shows the host's power state; the page polls it. */
    @GetMapping("/admin/hosts/{hostId}/state")
    String state(@PathVariable String hostId, Model model, Locale locale) {
        model.addAttribute("hostId", hostId);
        orNote(model, () -> model.addAttribute("state", directory.state(hostId, locale)));
        return "admin/host :: state";
    }

    /** The series the detail page's charts draw (the API under {@code /api/v1} takes no session). */
    @GetMapping("/admin/hosts/{hostId}/monitoring")
    @ResponseBody
    HostSeries monitoring(@PathVariable String hostId) {
        return series(directory, monitoring, hostId);
    }

    @GetMapping("/admin/hosts/{hostId}/{action:start|shutdown}")
    String confirm(@PathVariable String hostId, @PathVariable String action, Model model, Locale locale) {
        model.addAttribute("action", action);
        model.addAttribute("detail", directory.detail(hostId, locale));
        return "admin/host-power";
    }

    /**
     * Asks for a start or shutdown and shows the host. A request made while a power operation on
     * the host is under way (a second click on the confirmation) is refused as in the API, but the
     * person is shown the host with a notice rather than an error page.
     */
    @PostMapping("/admin/hosts/{hostId}/{action:start|shutdown}")
    String act(@PathVariable String hostId, @PathVariable String action, RedirectAttributes redirect,
            Locale locale) {
        try {
            power.perform(UserService.current(), hostId, HostAction.parse(action));
        } catch (PortalException e) {
            if (!HostPower.BUSY.equals(e.messageKey())) {
                throw e;
            }
            redirect.addFlashAttribute("powerNotice", messages.getMessage(e.messageKey(), e.args(), locale));
        }
        return "redirect:/admin/hosts/" + hostId;
    }

    /**
     * The last hour of {@code hostId}; a host with no samples is checked with the platform.
     *
     * @throws PortalException              404 (3022) for a host never sampled that the platform does not know
     * @throws PlatformUnavailableException when that check cannot be made
     */
    static HostSeries series(HostDirectory directory, HostMonitoring monitoring, String hostId) {
        HostSeries series = monitoring.lastHour(hostId);
        if (series.empty() && directory.find(hostId).isEmpty()) {
            throw HostDirectory.notFound(hostId);
        }
        return series;
    }

    /** Runs {@code read}; when the platform does not answer, the page's note instead (the rest still renders). */
    private static void orNote(Model model, Runnable read) {
        try {
            read.run();
        } catch (PlatformUnavailableException e) {
            model.addAttribute("unavailable", true);
        }
    }

    private List<PoolInfo> pools() {
        try {
            return catalog.all().pools();
        } catch (PlatformUnavailableException e) {
            return List.of();
        }
    }
}
