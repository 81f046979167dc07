package io.vsip4x.portal.platform;

import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.codes.ResultCode;
import io.vsip4x.sdk.codes.VmStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Repairs what callbacks missed, on one node at a time (a scheduler lock): operations whose
 * callback never came are checked with {@code resynVm} and finished as timed out (operations a
 * dead node claimed are settled by {@link ClaimTakeover}, on every node's dispatcher tick). While
 * the platform is unreachable, it probes it. With the vendor's SDK class, which sends no
 * callbacks, it confirms every sent operation by the status its VMs reach (a deletion by the
 * platform no longer knowing the VM).
 */
@Component
class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    static final String CONFIRMED = OperationTimeouts.CONFIRMED;

    private final OperationRepository operations;
    private final OperationFinisher finisher;
    private final PlatformClient platform;
    private final PlatformHealth health;
    private final PlatformProperties properties;
    private final VmResync resync;
    private final TransactionTemplate tx;
    private final OperationDispatcher dispatcher;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final OperationTimeouts timeouts;

    Reconciler(OperationRepository operations, OperationFinisher finisher, PlatformClient platform,
            PlatformHealth health, PlatformProperties properties, VmResync resync,
            TransactionTemplate tx, OperationDispatcher dispatcher, ApplicationEventPublisher events,
            JsonMapper json, OperationTimeouts timeouts) {
        this.timeouts = timeouts;
        this.operations = operations;
        this.finisher = finisher;
        this.platform = platform;
        this.health = health;
        this.properties = properties;
        this.resync = resync;
        this.tx = tx;
        this.dispatcher = dispatcher;
        this.events = events;
        this.json = json;
    }

    @Scheduled(fixedDelayString = "${portal.platform.reconcile-interval:15s}",
            initialDelayString = "${portal.platform.reconcile-interval:15s}")
    @SchedulerLock(name = "Reconciler.reconcile", lockAtMostFor = "PT5M",
            lockAtLeastFor = "${portal.cluster.reconcile-lock-at-least:10s}")
    void reconcile() {
        try {
            probeWhenDown();
            if (properties.client() == PlatformProperties.Client.VENDOR_SDK) {
                confirmByStatus();
            }
            timeouts.settleLostExtensions(properties.readTimeout().multipliedBy(2));
            timeouts.timeOutOlderThan(properties.operationTimeout());
        } catch (Vsip4xException e) {
            log.info("Reconciliation stopped early: the platform is unreachable");
        }
    }

    private void probeWhenDown() {
        if (!health.reachable()) {
            platform.call(c -> c.searchRepository(Map.of()));
            int waiting = operations.retryWaitingNow();
            log.info("The platform is reachable again; sending the {} operations that waited for it", waiting);
            dispatcher.wake();
        }
    }

    /**
     * Confirms sent operations by their VMs' status, for a client that gets no callbacks: a VM
     * that left status 6 reports its creation, and a start, shutdown or reboot whose VM shows the
     * status it leaves behind succeeded, a host start or shutdown whose host shows the power state
     * it leaves behind too. A reboot is confirmed as soon as the VM runs.
     *
     * @throws io.vsip4x.sdk.Vsip4xException when the platform cannot be asked
     */
    void confirmByStatus() {
        for (Operation op : operations.stale(OperationState.SENT, Duration.ZERO)) {
            if (op.kind().createsVms()) {
                confirmCreation(op);
            } else if (op.kind() == OperationKind.DELETE_VM) {
                confirmDeletion(op);
            } else if (op.kind().onHost() && timeouts.hostShowsIt(op)) {
                tx.executeWithoutResult(s -> finisher.finish(op.id(), true, op.kind().successCode(),
                        OperationTimeouts.HOST_CONFIRMED));
                log.info("Operation {} ({}) confirmed by the power state of host '{}'", op.id(), op.kind(),
                        op.hostId());
            } else if (op.vmId() != null && resync.resync(op.vmId())
                    .filter(status -> status == op.kind().settledStatus()).isPresent()) {
                tx.executeWithoutResult(s -> finisher.finish(op.id(), true, op.kind().successCode(), CONFIRMED));
                log.info("Operation {} ({}) confirmed by the status of VM '{}'", op.id(), op.kind(), op.vmId());
            }
        }
    }

    /** Reports each VM of {@code op} that exists and is no longer being created, as its callback would. */
    private void confirmCreation(Operation op) {
        for (String vmId : InstallVmPayload.vmIdsOf(op, json)) {
            SdkResult answer = platform.call(c -> c.resynVm(vmId));
            Optional<Integer> status = answer.ok()
                    ? VmStatus.parse(answer.get("status")).map(VmStatus::code) : Optional.empty();
            status.filter(code -> code != VmStatus.CREATING.code()).ifPresent(code -> tx.executeWithoutResult(s ->
                    events.publishEvent(new VmStateReported(vmId, op.kind().method(),
                            op.kind().successCode(), code, null, 0))));
        }
    }

    /**
     * Confirms a deletion once the platform no longer knows the VM (2004), as its callback (2014)
     * would; returns whether it did.
     */
    private boolean confirmDeletion(Operation op) {
        SdkResult answer = platform.call(c -> c.resynVm(op.vmId()));
        if (ResultCode.VM_NOT_FOUND.code().equals(answer.code())) {
            String deleted = OperationKind.DELETE_VM.successCode();
            tx.executeWithoutResult(s -> {
                events.publishEvent(new VmStateReported(op.vmId(), OperationKind.DELETE_VM.method(), deleted, null,
                        null, 0));
                finisher.finish(op.id(), true, deleted, CONFIRMED);
            });
            log.info("Operation {} (DELETE_VM) confirmed: the platform no longer knows VM '{}'", op.id(), op.vmId());
            return true;
        }
        return false;
    }
}
