package io.vsip4x.portal.platform;

import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.codes.VmStatus;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asks the platform for a VM's status ({@code resynVm}) and applies it, for when the portal's
 * view may have drifted: a refusal that says the VM is not in the state the portal thought, or
 * an operation whose callback never came.
 */
@Component
public class VmResync {

    private static final Logger log = LoggerFactory.getLogger(VmResync.class);

    private final PlatformClient platform;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    VmResync(PlatformClient platform, ApplicationEventPublisher events, TransactionTemplate tx) {
        this.platform = platform;
        this.events = events;
        this.tx = tx;
    }

    /**
     * Reads and applies the VM's status; returns it, or empty when the platform gave none.
     *
     * @throws io.vsip4x.sdk.Vsip4xException when the platform cannot be asked
     */
    public Optional<Integer> resync(String vmId) {
        SdkResult answer = platform.call(c -> c.resynVm(vmId));
        Optional<Integer> status = answer.ok()
                ? VmStatus.parse(answer.get("status")).map(VmStatus::code) : Optional.empty();
        status.ifPresent(code -> tx.executeWithoutResult(s ->
                events.publishEvent(new VmStateReported(vmId, "resynVm", "0", code, null, 0))));
        return status;
    }

    /** Reads and applies the VM's status when the platform can be asked; reconciliation catches up otherwise. */
    void resyncQuietly(String vmId) {
        try {
            resync(vmId);
        } catch (Vsip4xException e) {
            log.info("Could not read VM '{}' again after a refusal; reconciliation will", vmId);
        }
    }
}
