package io.vsip4x.portal.vms;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vsip4x.portal.platform.Operation;
import io.vsip4x.sdk.codes.ResultCodes;
import io.vsip4x.sdk.codes.VmStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;

/**
 * A VM as pages and the API show it.
 *
 * @param status        the spec's numeric status code, or {@code null} before the platform reported one
 * @param statusText    the status (or, before creation, the portal's state) in the reader's language
 * @param busy          whether an operation on it is under way
 * @param lastOperation the newest operation on it, or {@code null}
 * @param classification its level (密级), as the platform reports it
 * @param leaseExpiresAt when its lease ends (it is then shut down, and deleted after a grace
 *                       period), or {@code null} when it has none
 * @param ipAddresses   its IPv4 addresses in NIC order, as the platform last reported them
 * @param dataDisks     its data disks (in the answer about one VM), {@code null} in lists
 * @param progress      how far a long operation under way on it has come, or {@code null}
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
        Instant createdAt,
        LastOperation lastOperation,
        int classification,
        Instant leaseExpiresAt,
        List<String> ipAddresses,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<DataDisk> dataDisks,
        @JsonInclude(JsonInclude.Include.NON_NULL) VmProgress progress) {

    /**
     * A data disk of the VM.
     *
     * @param dataDiskId the disk's id, as change requests name it
     * @param state      PENDING (approved, not yet created) or ACTIVE
     */
    public record DataDisk(String dataDiskId, String name, long sizeGb, String state) {
    }

    /** This view with the VM's data disks. */
    public VmView withDataDisks(List<DataDisk> disks) {
        return new VmView(vmId, name, owner, requestId, status, statusText, lifecycle, transitional, busy, cpu,
                memoryMb, diskGb, templateId, repoName, network, hostId, createdAt, lastOperation, classification,
                leaseExpiresAt, ipAddresses, List.copyOf(disks), progress);
    }

    /**
     * How the newest operation on the VM stands.
     *
     * @param operation the SDK method
     * @param state     QUEUED, SENDING, SENT, DONE or FAILED
     * @param code      the platform's result code, or {@code null}
     * @param codeText  the code's meaning in the reader's language, or the portal's reason
     */
    public record LastOperation(String operation, String state, String code, String codeText) {

        /** Whether it ended in failure. */
        public boolean failed() {
            return "FAILED".equals(state);
        }
    }

    /** The view of {@code vm} in {@code locale}, with the progress of a long operation under way. */
    public static VmView of(Vm vm, Optional<Operation> latest, MessageSource messages, Locale locale,
            VmProgressEstimates estimates) {
        return of(vm, null, latest, messages, locale, estimates);
    }

    /**
     * The view of {@code vm} in {@code locale}, with its addresses and the progress of a long
     * operation under way.
     *
     * @param ipAddresses its addresses, comma-separated as stored, or {@code null}
     */
    public static VmView of(Vm vm, String ipAddresses, Optional<Operation> latest, MessageSource messages,
            Locale locale, VmProgressEstimates estimates) {
        VmView view = of(vm, ipAddresses, latest, messages, locale);
        return new VmView(view.vmId, view.name, view.owner, view.requestId, view.status, view.statusText,
                view.lifecycle, view.transitional, view.busy, view.cpu, view.memoryMb, view.diskGb, view.templateId,
                view.repoName, view.network, view.hostId, view.createdAt, view.lastOperation, view.classification,
                view.leaseExpiresAt, view.ipAddresses, view.dataDisks, estimates.progress(vm, latest));
    }

    /** The view of {@code vm} in {@code locale}, without its addresses or progress. */
    public static VmView of(Vm vm, Optional<Operation> latest, MessageSource messages, Locale locale) {
        return of(vm, null, latest, messages, locale);
    }

    /**
     * The view of {@code vm} in {@code locale}.
     *
     * @param ipAddresses its addresses, comma-separated as stored, or {@code null}
     */
    public static VmView of(Vm vm, String ipAddresses, Optional<Operation> latest, MessageSource messages,
            Locale locale) {
        boolean erasing = vm.lifecycle() == VmLifecycle.DELETING && vm.status() != null
                && vm.status() == VmStatus.DEEP_DELETING.code();
        String text = (vm.lifecycle() == VmLifecycle.ACTIVE || erasing) && vm.status() != null
                ? messages.getMessage("vm.status." + vm.status(), null, String.valueOf(vm.status()), locale)
                : messages.getMessage("vm.lifecycle." + vm.lifecycle().name(), null, vm.lifecycle().name(), locale);
        boolean busy = latest.map(op -> op.state().open()).orElse(false);
        if (busy && vm.lifecycle() == VmLifecycle.ACTIVE && latest.get().kind().method().endsWith("Vm")) {
            text = messages.getMessage("vm.working." + latest.get().kind().method(), null, text, locale);
        }
        LastOperation last = latest.map(op -> new LastOperation(op.kind().method(), op.state().name(),
                op.resultCode(), codeText(op, messages, locale))).orElse(null);
        return new VmView(vm.vmId(), vm.name(), vm.ownerName(), vm.requestId(), vm.status(), text,
                vm.lifecycle().name(), VmService.transitional(vm.status()) || vm.lifecycle() == VmLifecycle.PENDING
                        || vm.lifecycle() == VmLifecycle.DELETING,
                busy, vm.cpu(), vm.memoryMb(), vm.diskGb(), vm.templateId(), vm.repoId(), vm.network(),
                vm.hostId(), vm.createdAt(), last, vm.classification(), vm.leaseExpiresAt(),
                addresses(ipAddresses), null, null);
    }

    private static List<String> addresses(String stored) {
        return stored == null || stored.isBlank() ? List.of()
                : Arrays.stream(stored.split(",")).map(String::trim).filter(a -> !a.isEmpty()).toList();
    }

    private static String codeText(Operation op, MessageSource messages, Locale locale) {
        if (op.resultCode() == null) {
            // The portal's own reasons (a time-out) are message keys; the platform's texts are not.
            return op.resultInfo() == null ? null : messages.getMessage(op.resultInfo(), null, op.resultInfo(), locale);
        }
        return ResultCodes.find(op.resultCode()).map(c -> c.text(locale)).orElse(op.resultInfo());
    }

    /** Whether the VM's state allows {@code action} now, by the rules of {@link VmAction}. */
    public boolean allows(String action) {
        VmAction chosen = VmAction.fromPath(action);
        return chosen != null && chosen.refusal(VmLifecycle.valueOf(lifecycle), status, busy) == null;
    }
}
