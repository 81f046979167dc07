package io.vsip4x.portal.platform;

import io.vsip4x.sdk.Vsip4xException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Repairs what callbacks missed: operations a node claimed and never sent go back to the
 * queue, and operations whose callback never came are checked with {@code resynVm} and
 * finished as timed out. While the platform is unreachable, it probes it.
 */
@Component
class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final Duration STALE_SENDING = Duration.ofMinutes(2);
    static final String TIMED_OUT = "timed out waiting for the platform";

    private final OperationRepository operations;
    private final OperationFinisher finisher;
    private final PlatformClient platform;
    private final PlatformHealth health;
    private final PlatformProperties properties;
    private final VmResync resync;
    private final TransactionTemplate tx;
    private final OperationDispatcher dispatcher;

    Reconciler(OperationRepository operations, OperationFinisher finisher, PlatformClient platform,
            PlatformHealth health, PlatformProperties properties, VmResync resync,
            TransactionTemplate tx, OperationDispatcher dispatcher) {
        this.operations = operations;
        this.finisher = finisher;
        this.platform = platform;
        this.health = health;
        this.properties = properties;
        this.resync = resync;
        this.tx = tx;
        this.dispatcher = dispatcher;
    }

    @Scheduled(fixedDelayString = "${portal.platform.reconcile-interval:15s}",
            initialDelayString = "${portal.platform.reconcile-interval:15s}")
    void reconcile() {
        try {
            probeWhenDown();
            for (Operation op : operations.stale(OperationState.SENDING, STALE_SENDING)) {
                log.warn("Operation {} ({}) was claimed but never sent; queueing it again", op.id(), op.kind());
                operations.requeue(op.id(), Duration.ZERO, "claimed by a node that stopped");
            }
            for (Operation op : operations.stale(OperationState.SENT, properties.operationTimeout())) {
                timeOut(op);
            }
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

    private void timeOut(Operation op) {
        if (op.vmId() != null) {
            resync.resync(op.vmId());
        }
        log.warn("Operation {} ({}) got no callback within {}; finishing it as timed out", op.id(), op.kind(),
                properties.operationTimeout());
        tx.executeWithoutResult(s -> finisher.finish(op.id(), false, null, TIMED_OUT));
    }
}
