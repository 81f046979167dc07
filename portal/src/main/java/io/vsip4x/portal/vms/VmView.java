package io.vsip4x.portal.vms;

import java.time.Instant;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * A VM as pages and the API show it.
 *
 * @param status     the spec's numeric status code, or {@code null} before the platform reported one
 * @param statusText the status (or, before creation, the portal's state) in the reader's language
 * @param busy       whether an operation on it is under way
 */
public record VmView(
        String vmId,
        String name,
        String owner,
        Long requestId,
        Integer status,
        String statusText,
        String lifecycle,
        boolean transitional,
        boolean busy,
        int cpu,
        long memoryMb,
        long diskGb,
        String templateId,
        String repoName,
        String network,
        String hostId,
        Instant createdAt) {

    /** The view of {@code vm} in {@code locale}. */
    public static VmView of(Vm vm, boolean busy, MessageSource messages, Locale locale) {
        String text = vm.lifecycle() == VmLifecycle.ACTIVE && vm.status() != null
                ? messages.getMessage("vm.status." + vm.status(), null, String.valueOf(vm.status()), locale)
                : messages.getMessage("vm.lifecycle." + vm.lifecycle().name(), null, vm.lifecycle().name(), locale);
        return new VmView(vm.vmId(), vm.name(), vm.ownerName(), vm.requestId(), vm.status(), text,
                vm.lifecycle().name(), VmService.transitional(vm.status()) || vm.lifecycle() == VmLifecycle.PENDING,
                busy, vm.cpu(), vm.memoryMb(), vm.diskGb(), vm.templateId(), vm.repoId(), vm.network(),
                vm.hostId(), vm.createdAt());
    }

    /** Whether {@code action} can be asked now. */
    public boolean allows(String action) {
        PowerAction power = PowerAction.fromPath(action);
        return power != null && "ACTIVE".equals(lifecycle) && !busy && power.allowedIn(status);
    }
}
