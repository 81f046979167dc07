package io.vsip4x.portal.platform;

import io.vsip4x.portal.audit.Correlation;
import io.vsip4x.portal.cluster.ClusterNode;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.codes.ResultCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes over the claims of dead nodes, on every node's dispatcher tick, and settles them without
 * ever sending anything twice. An operation a node was sending when it died may or may not have
 * reached the platform:
 * <ul>
 *   <li>a creation ({@code createVm}, {@code installVm}) is decided by its VMs, whose ids the portal
 *       chose: when the platform knows one ({@code resynVm}), the send happened and the operation is
 *       marked sent ({@link OperationDispatcher#ACCEPTED_EARLIER}), its callback or time-out finishing
 *       it; when it knows none, it is sent now;</li>
 *   <li>an operation harmless to send again ({@link OperationKind#safeToResend()}) is queued again;</li>
 *   <li>any other is marked sent with its answer lost ({@link OperationDispatcher#ANSWER_LOST}), as the
 *       dispatcher does when an answer never comes: its callback or time-out settles it.</li>
 * </ul>
 * Each heartbeat of this node moves on the leases of the claims its dispatcher holds (claimed and not
 * started, or being sent: {@link OperationDispatcher#held()}), so those never run out. A claim of this
 * node that its dispatcher does not hold, its send having broken off (an exception after the claim, a
 * sender thread that died), runs out a lease after it was claimed and is settled the same way.
 */
@Component
class ClaimTakeover {

    /** The reason a taken-over operation queued again carries. */
    static final String CLAIM_LOST = "claimed by a node that stopped";

    private static final Logger log = LoggerFactory.getLogger(ClaimTakeover.class);
    private static final int BATCH = 50;

    private final OperationClaims claims;
    private final OperationRepository operations;
    private final OperationDispatcher dispatcher;
    private final PlatformClient platform;
    private final ClusterNode node;
    private final JsonMapper json;

    ClaimTakeover(OperationClaims claims, OperationRepository operations, OperationDispatcher dispatcher,
            PlatformClient platform, ClusterNode node, JsonMapper json) {
        this.claims = claims;
        this.operations = operations;
        this.dispatcher = dispatcher;
        this.platform = platform;
        this.node = node;
        this.json = json;
    }

    /** Moves the leases of the claims this node's dispatcher holds on at each of its heartbeats. */
    @EventListener
    void onHeartbeat(ClusterNode.Heartbeat heartbeat) {
        if (heartbeat.node().equals(node.name())) {
            claims.extendLeases(node.name(), dispatcher.held(), node.settings().lease());
        }
    }

    /** Leaves the claims of an earlier run under this node's name (a fixed node name) to the takeover. */
    @EventListener(ApplicationStartedEvent.class)
    void releaseEarlierRun() {
        int released = claims.releaseAll(node.name());
        if (released > 0) {
            log.warn("{} operations claimed by an earlier run of node '{}' are left to the takeover", released,
                    node.name());
        }
    }

    /**
     * Takes over and settles the SENDING operations whose claim ran out and whose node is not alive, and
     * this node's own whose claim ran out and that its dispatcher does not hold; returns how many this
     * node took. One that cannot be settled yet (the platform does not answer) is let go again, for the
     * next tick.
     */
    int takeOverExpired() {
        if (node.draining()) {
            return 0;
        }
        Duration lease = node.settings().lease();
        List<Long> taken;
        try {
            Set<Long> candidates = new TreeSet<>(claims.expired(lease, BATCH));
            // The held ones are read after this node's expired claims: a claim only ever leaves the held set
            // settled or broken off, so what is expired and not held now is not being sent.
            List<Long> own = claims.expiredOwn(node.name(), lease, BATCH);
            Set<Long> held = dispatcher.held();
            own.stream().filter(id -> !held.contains(id)).forEach(candidates::add);
            taken = claims.takeOver(candidates, node.name(), lease);
        } catch (DataAccessException e) {
            log.warn("Could not look for lost claims: {}", e.getMessage());
            return 0;
        }
        for (long id : taken) {
            Operation op = operations.find(id).orElseThrow();
            try (Correlation.Scope scope = Correlation.open(op.correlationId())) {
                settle(op);
            } catch (Vsip4xException | UndecidedException e) {
                log.info("Operation {} ({}) of a lost claim waits: the platform could not be asked about it",
                        op.id(), op.kind());
                claims.release(op.id(), node.name());
            } catch (RuntimeException e) {
                log.error("Operation {} ({}) of a lost claim could not be settled; it is tried again", op.id(),
                        op.kind(), e);
                claims.release(op.id(), node.name());
            }
        }
        return taken.size();
    }

    private void settle(Operation op) {
        if (op.kind().createsVms()) {
            settleCreation(op);
        } else if (op.kind().safeToResend()) {
            log.warn("Operation {} ({}) lost the send of its claim; queueing it again", op.id(), op.kind());
            operations.requeue(op.id(), Duration.ZERO, CLAIM_LOST);
        } else {
            log.warn("Operation {} ({}) lost the send of its claim; it may have reached the platform", op.id(),
                    op.kind());
            dispatcher.answerLost(op);
        }
    }

    private void settleCreation(Operation op) {
        List<String> vmIds = InstallVmPayload.vmIdsOf(op, json);
        if (anyKnown(vmIds)) {
            log.info("Operation {} ({}) lost the send of its claim; its VMs exist, so the platform has it",
                    op.id(), op.kind());
            SdkResult accepted = new SdkResult("0", OperationDispatcher.ACCEPTED_EARLIER, Map.of());
            operations.markSent(op.id(), accepted.code(), accepted.info());
            dispatcher.sentEvent(op, accepted);
        } else {
            log.info("Operation {} ({}) lost the send of its claim before the platform had it; sending it",
                    op.id(), op.kind());
            // Sent in this tick's round with the other senders: a dead node's creations go side by side.
            dispatcher.adopt(op.id());
        }
    }

    /**
     * Whether the platform knows any of {@code vmIds}.
     *
     * @throws Vsip4xException when it answers neither the VM nor "not found" (2004)
     */
    private boolean anyKnown(List<String> vmIds) {
        for (String vmId : vmIds) {
            SdkResult answer = platform.call(c -> c.resynVm(vmId));
            if (answer.ok()) {
                return true;
            }
            if (!ResultCode.VM_NOT_FOUND.code().equals(answer.code())) {
                throw new UndecidedException(vmId, answer.code());
            }
        }
        return false;
    }

    /** The platform answered neither a VM nor "not found": whether it has the VM is unknown. */
    private static final class UndecidedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UndecidedException(String vmId, String code) {
            super("resynVm of VM '" + vmId + "' answered " + code);
        }
    }
}
