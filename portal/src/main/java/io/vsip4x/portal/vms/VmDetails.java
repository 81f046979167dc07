package io.vsip4x.portal.vms;

import io.vsip4x.portal.platform.OperationService;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.VmOperationEntry;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.codes.ResultCodes;
import io.vsip4x.sdk.model.DeviceList;
import io.vsip4x.sdk.model.VdiskInfo;
import io.vsip4x.sdk.model.VnicInfo;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What the VM's page shows beside the inventory: its NICs and disks as the platform reports them
 * now ({@code getVmVnics}, {@code getVmVdisks}), and its operations history.
 */
@Component
class VmDetails {

    /** How many operations the history shows. */
    static final int HISTORY = 50;
    private static final long GIB = 1024L * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(VmDetails.class);

    private final PlatformClient platform;
    private final OperationService operations;
    private final MessageSource messages;

    VmDetails(PlatformClient platform, OperationService operations, MessageSource messages) {
        this.platform = platform;
        this.operations = operations;
        this.messages = messages;
    }

    /** A NIC of the VM. */
    public record Nic(String name, String macAddress, String network, String ipAddress, String subnetMask,
            String gateway) {
    }

    /** A disk or CD-ROM drive of the VM; {@code sizeGb} rounded up. */
    public record Disk(String id, String name, String device, String location, long sizeGb) {
    }

    /**
     * The VM's devices, or why they cannot be shown.
     *
     * @param problem the reason in the reader's language (not created yet, platform unreachable,
     *                the platform's refusal), or {@code null}
     */
    public record Devices(List<Nic> nics, List<Disk> disks, String problem) {
    }

    /**
     * One operation of the history.
     *
     * @param operationText the operation in the reader's language
     * @param codeText      the meaning of its result code, or {@code null}
     */
    public record HistoryEntry(long operationId, String operation, String operationText, String state, String code,
            String codeText, String reason, String actor, Instant createdAt, Instant finishedAt) {
    }

    /** The VM's NICs and disks, read from the platform now. */
    Devices devices(Vm vm, Locale locale) {
        if (vm.lifecycle() == VmLifecycle.PENDING || vm.lifecycle() == VmLifecycle.FAILED || vm.status() == null) {
            return problem("vm.detail.devices.notCreated", locale);
        }
        try {
            DeviceList<VnicInfo> nics = platform.read(c -> c.getVmVnics(vm.vmId()));
            DeviceList<VdiskInfo> disks = platform.read(c -> c.getVmVdisks(vm.vmId()));
            if (!nics.ok() || !disks.ok()) {
                String code = nics.ok() ? disks.code() : nics.code();
                String text = ResultCodes.find(code).map(c -> c.text(locale)).orElse(code);
                return new Devices(List.of(), List.of(),
                        messages.getMessage("vm.detail.devices.refused", new Object[] {code, text}, locale));
            }
            return new Devices(
                    nics.devices().stream().map(n -> new Nic(n.name(), n.macAddress(), n.network(), n.ipAddress(),
                            n.subnetMask(), n.gateway())).toList(),
                    disks.devices().stream().map(d -> new Disk(d.id(), d.name(), d.device(), d.location(),
                            (d.sizeBytes() + GIB - 1) / GIB)).toList(),
                    null);
        } catch (Vsip4xException e) {
            log.info("Could not read the devices of VM '{}': {}", vm.vmId(), e.getMessage());
            return problem("vm.detail.devices.unreachable", locale);
        }
    }

    /** The newest operations on the VM, newest first. */
    List<HistoryEntry> history(String vmId, Locale locale) {
        return operations.historyFor(vmId, HISTORY).stream().map(e -> entry(e, locale)).toList();
    }

    private HistoryEntry entry(VmOperationEntry e, Locale locale) {
        String method = e.kind().method();
        String codeText = e.resultCode() == null ? null
                : ResultCodes.find(e.resultCode()).map(c -> c.text(locale)).orElse(null);
        return new HistoryEntry(e.id(), method, messages.getMessage("operation." + method, null, method, locale),
                e.state().name(), e.resultCode(), codeText, e.reason(), e.actor(), e.createdAt(), e.finishedAt());
    }

    private Devices problem(String key, Locale locale) {
        return new Devices(List.of(), List.of(), messages.getMessage(key, null, locale));
    }
}
