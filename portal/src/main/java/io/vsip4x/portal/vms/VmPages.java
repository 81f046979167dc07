package io.vsip4x.portal.vms;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What the VM's page and its JSON twin show: one place, so both tell the same. */
@Component
class VmPages {

    /** How many operations the JSON answer about one VM lists. */
    static final int API_HISTORY = 20;
    /** The actions that are one button each on the VM's page (the others are small forms). */
    private static final List<String> BUTTONS = List.of("start", "shutdown", "pause", "resume", "reboot", "resync");

    private final VmService vms;
    private final VmActions actions;
    private final VmDetails details;
    private final VmDataDisks dataDisks;
    private final VmPlacements placements;
    private final MessageSource messages;
    private final VmProgressEstimates progress;
    private final VmListing listing;

    VmPages(VmService vms, VmActions actions, VmDetails details, VmDataDisks dataDisks, VmPlacements placements,
            MessageSource messages, VmProgressEstimates progress, VmListing listing) {
        this.progress = progress;
        this.listing = listing;
        this.vms = vms;
        this.actions = actions;
        this.details = details;
        this.dataDisks = dataDisks;
        this.placements = placements;
        this.messages = messages;
    }

    /**
     * One VM in the API: the fields of {@link VmView}, with its devices and last operations.
     *
     * @param devicesProblem why {@code nics} and {@code disks} are empty (not created yet, the
     *                       platform unreachable), or {@code null}
     */
    record VmDetailView(@JsonUnwrapped VmView vm, List<VmDetails.Nic> nics, List<VmDetails.Disk> disks,
            String devicesProblem, List<VmDetails.HistoryEntry> operations) {
    }

    private VmView viewOf(Vm vm, Locale locale) {
        return VmView.of(vm, listing.ipAddresses(vm.vmId()), vms.latestOperation(vm.vmId()), messages, locale,
                progress);
    }

    /** The view of a VM {@code user} may see, with its data disks. */
    VmView view(CurrentUser user, String vmId, Locale locale) {
        Vm vm = vms.get(user, vmId);
        return viewOf(vm, locale).withDataDisks(dataDisks.of(vmId));
    }

    /** The JSON answer about one VM. */
    VmDetailView detailView(CurrentUser user, String vmId, Locale locale) {
        Vm vm = vms.get(user, vmId);
        VmView view = viewOf(vm, locale).withDataDisks(dataDisks.of(vmId));
        VmDetails.Devices devices = details.devices(vm, locale);
        List<VmDetails.HistoryEntry> history = details.history(vmId, locale);
        return new VmDetailView(view, devices.nics(), devices.disks(), devices.problem(),
                history.subList(0, Math.min(API_HISTORY, history.size())));
    }

    /**
     * Fills the model of the page's live part (status, actions, history) for {@code user}.
     *
     * @return the VM
     */
    Vm live(CurrentUser user, String vmId, Model model, Locale locale) {
        Vm vm = vms.get(user, vmId);
        model.addAttribute("vm", viewOf(vm, locale));
        model.addAttribute("record", vm);
        model.addAttribute("actions", actions.states(user, vm, locale).stream()
                .collect(Collectors.toMap(VmActions.ActionState::action, s -> s,
                        (a, b) -> a, LinkedHashMap::new)));
        model.addAttribute("history", details.history(vmId, locale));
        model.addAttribute("buttons", BUTTONS);
        boolean admin = user.has(Role.PLATFORM_ADMIN);
        model.addAttribute("migrationTargets", admin ? placements.migrationTargets(vm) : List.of());
        model.addAttribute("moveTargets", admin ? placements.moveTargets() : List.of());
        return vm;
    }

    /** Fills the model of the whole page. */
    void page(CurrentUser user, String vmId, Model model, Locale locale) {
        Vm vm = live(user, vmId, model, locale);
        model.addAttribute("devices", details.devices(vm, locale));
        model.addAttribute("dataDisks", dataDisks.of(vmId));
    }
}
