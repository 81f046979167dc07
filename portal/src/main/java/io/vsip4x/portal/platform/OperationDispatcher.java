package io.vsip4x.portal.platform;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.audit.AuditUnavailableException;
import io.vsip4x.portal.audit.Correlation;
import io.vsip4x.portal.cluster.ClusterNode;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.Vsip4xOutcomeUnknownException;
import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.Vsip4xUnreachableException;
import io.vsip4x.sdk.codes.ResultCodes;
import io.vsip4x.sdk.model.ModifyVmSpec;
import io.vsip4x.sdk.model.Remainder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends queued operations to the platform. An operation the platform accepts waits for its
 * callback; one it refuses is finished with the platform's code; one that cannot be sent
 * (platform unreachable) goes back to the queue and is tried again with growing pauses. One whose
 * answer was lost after it was sent goes back too only when sending it again is harmless
 * ({@link OperationKind#safeToResend()}); any other is sent once (see {@link #ANSWER_LOST}).
 *
 * <p>On several nodes, each round's operations are claimed in one short transaction
 * ({@link OperationClaims}) under this node's name, and each tick first takes over the claims of
 * dead nodes and its own it no longer holds ({@link ClaimTakeover}, {@link HeldClaims}). At shutdown it
 * hands back what it claimed and never started sending ({@link #handBack()}).
 */
@Component
class OperationDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OperationDispatcher.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final String UNREACHABLE = "platform unreachable";
    /** Refusals that mean the VM is not in the state the portal believed: its state is read again. */
    private static final Set<String> STATE_REFUSALS = Set.of("2049", "2050", "2051", "2052");
    private static final String DISK_EXISTS = "2054";
    private static final String DUPLICATE_IDS = "2001";
    private static final String NO_ROOM = "2002";
    /** Result info of a {@code createVm} retry whose VMs an earlier, unanswered attempt made. */
    static final String ACCEPTED_EARLIER = "accepted by an earlier attempt";
    /** Result info of an operation sent once whose answer never came: its callback or time-out settles it. */
    static final String ANSWER_LOST = "answer lost; not sent again";

    private final OperationRepository operations;
    private final PlatformClient platform;
    private final TransactionTemplate tx;
    private final OperationFinisher finisher;
    private final AuditService audit;
    private final VmResync resync;
    private final DiskExtensions diskExtensions;
    private final JsonMapper json;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "operation-dispatcher");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean wakePending = new AtomicBoolean();
    /** Sends the operations of one round side by side; a VM's own operations are never in one round together. */
    private final ExecutorService senders;
    private final int batch;
    private final ClusterNode node;
    private final OperationClaims claims;
    private final ObjectProvider<ClaimTakeover> takeover;
    /** Operations this node claimed and is sending or has not started: the unstarted handed back at shutdown. */
    private final HeldClaims held = new HeldClaims();
    private final AtomicBoolean stopping = new AtomicBoolean();

    OperationDispatcher(OperationRepository operations, PlatformClient platform, TransactionTemplate tx,
            OperationFinisher finisher, JsonMapper json, AuditService audit, VmResync resync,
            DiskExtensions diskExtensions, @Value("${portal.platform.dispatch-threads:8}") int threads,
            ClusterNode node, OperationClaims claims, ObjectProvider<ClaimTakeover> takeover) {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("portal.platform.dispatch-threads must be 1 to 64, not " + threads);
        }
        AtomicInteger count = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "operation-sender-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.batch = threads * 4;
        this.operations = operations;
        this.platform = platform;
        this.tx = tx;
        this.finisher = finisher;
        this.audit = audit;
        this.resync = resync;
        this.diskExtensions = diskExtensions;
        this.json = json;
        this.node = node;
        this.claims = claims;
        this.takeover = takeover;
    }

    /** Asks for a dispatch run soon, on the dispatcher's own thread. */
    void wake() {
        if (!stopping.get() && wakePending.compareAndSet(false, true)) {
            worker.execute(() -> {
                wakePending.set(false);
                dispatchDue();
            });
        }
    }

    @Scheduled(fixedDelayString = "${portal.platform.dispatch-interval:1s}")
    void tick() {
        wake();
    }

    /**
     * Settles the claims of dead nodes, then sends every due operation this node can claim, a round
     * at a time, the operations of a round side by side (at most one per VM:
     * {@link OperationRepository#dueIds} leaves out any operation whose VM has an older one open).
     */
    void dispatchDue() {
        try {
            takeover.ifAvailable(ClaimTakeover::takeOverExpired);
            List<Long> round = nextRound();
            while (!round.isEmpty()) {
                for (Future<Boolean> sent : senders.invokeAll(round.stream()
                        .<Callable<Boolean>>map(id -> () -> sendIfStillOurs(id)).toList())) {
                    sent.get();
                }
                round = nextRound();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            log.error("The operation dispatcher failed; it will run again on its next tick", e);
        }
    }

    /** What this node claimed and has not sent yet, with the due operations it claims now; none while it stops. */
    private List<Long> nextRound() {
        if (stopping.get() || node.draining()) {
            return List.of();
        }
        claim(operations.dueIds(batch));
        return held.unstarted();
    }

    /** Claims those of {@code candidates} no other node has, for this node's next round; returns them. */
    List<Long> claim(List<Long> candidates) {
        List<Long> claimed = claims.claim(candidates, node.name(), node.settings().lease());
        held.claimed(claimed);
        return claimed;
    }

    /** Sends an operation this node took over (SENDING under its name) in its next round, beside the others. */
    void adopt(long id) {
        held.claimed(List.of(id));
    }

    /** How many operations this node claimed and has not started sending. */
    int unsent() {
        return held.unsent();
    }

    /** The operations whose claims this node holds in this process: claimed, or being sent. */
    Set<Long> held() {
        return held.all();
    }

    /** Sends one operation this node claimed, unless the node stops first (it is then handed back). */
    private boolean sendIfStillOurs(long id) {
        if (stopping.get() || !held.start(id)) {
            return false;
        }
        try {
            sendClaimed(operations.find(id).orElseThrow());
        } finally {
            held.done(id);
        }
        return true;
    }

    /** Sends an operation this node holds in SENDING once its claim is renewed (not when no longer ours). */
    void sendClaimed(Operation op) {
        held.sending(op.id());
        try (Correlation.Scope scope = Correlation.open(op.correlationId())) {
            if (stillOurs(op)) {
                send(op);
            }
        } finally {
            held.done(op.id());
        }
    }

    /** Renews this node's claim right before a send; false, logged, when {@code op} is no longer ours to send. */
    private boolean stillOurs(Operation op) {
        if (claims.renew(op.id(), node.name(), node.settings().lease())) {
            return true;
        }
        log.warn("Operation {} ({}) is settled or claimed by another node; not sent from here", op.id(), op.kind());
        return false;
    }

    private void send(Operation op) {
        long id = op.id();
        try {
            SdkResult result = switch (op.kind()) {
                case CREATE_VM -> create(op);
                case INSTALL_VM -> install(op);
                case START_VM -> platform.call(c -> c.startVm(op.vmId()));
                case SHUTDOWN_VM -> platform.call(c -> c.shutdownVm(op.vmId()));
                case REBOOT_VM -> platform.call(c -> c.rebootVm(op.vmId()));
                case PAUSE_VM -> platform.call(c -> c.pauseVm(op.vmId()));
                case RESUME_VM -> platform.call(c -> c.resumeVm(op.vmId()));
                case MIGRATE_VM -> platform.call(c -> c.migrateVm(op.vmId(), VmOperationPayload.of(op, json).hostId()));
                case MOVE_VM -> platform.call(c -> c.moveVm(op.vmId(), VmOperationPayload.of(op, json).hostId(),
                        VmOperationPayload.of(op, json).repoId()));
                case MODIFY_VM -> modify(op);
                case CREATE_DATA_DISK -> createDataDisk(op);
                case EXTEND_DATA_DISK -> extendDataDisk(op);
                case DELETE_VM -> platform.call(c -> c.deleteVm(op.vmId(),
                        VmOperationPayload.of(op, json).secureErase()));
                case CREATE_SNAP -> platform.call(c -> c.createSnap(op.vmId()));
                case DELETE_SNAP -> platform.call(c -> c.deleteSnap(op.vmId(), StoragePayload.of(op, json).snapId()));
                case RESTORE_SNAP -> platform.call(c -> c.restoreSnap(op.vmId(), StoragePayload.of(op, json).snapId()));
                case BACKUP_VM -> platform.call(c -> c.backupVm(StoragePayload.of(op, json).toBackupSpec(op.vmId())));
                case RESTORE_VM -> platform.call(c -> c.restoreVm(
                        StoragePayload.of(op, json).toRestoreSpec(op.vmId())));
                case DELETE_BACKUP -> platform.call(c -> c.deleteBackup(op.vmId(),
                        StoragePayload.of(op, json).backupId()));
                case START_HOST -> platform.call(c -> c.startHost(op.hostId()));
                case SHUTDOWN_HOST -> platform.call(c -> c.shutdownHost(op.hostId()));
            };
            if (result == null) {
                return;
            }
            if (result.ok()) {
                operations.markSent(id, result.code(), result.info());
                sentEvent(op, result);
                log.debug("Operation {} ({}) was accepted by the platform", id, op.kind());
            } else {
                log.info("The platform refused operation {} ({}) with code {}", id, op.kind(), result.code());
                refused(op, result.code(), result.info());
                if (op.vmId() != null && STATE_REFUSALS.contains(result.code())) {
                    resync.resyncQuietly(op.vmId());
                }
            }
        } catch (Vsip4xOutcomeUnknownException e) {
            if (op.kind().safeToResend() || !op.kind().method().equals(e.method())) {
                requeueUnreachable(op);
            } else {
                answerLost(op);
            }
        } catch (Vsip4xUnreachableException e) {
            requeueUnreachable(op);
        } catch (Vsip4xProtocolException e) {
            handleProtocolError(op, e);
        } catch (RuntimeException e) {
            log.error("Sending operation {} ({}) failed; it stays queued", id, op.kind(), e);
            operations.requeue(id, backoff(op.attempts()), "internal error");
        }
    }

    private void requeueUnreachable(Operation op) {
        Duration pause = backoff(op.attempts());
        log.warn("The platform is unreachable; operation {} ({}) stays queued and is retried in {} s",
                op.id(), op.kind(), pause.toSeconds());
        operations.requeue(op.id(), pause, UNREACHABLE);
    }

    /**
     * An operation not safe to send twice was sent and its answer never came: it is marked sent with
     * {@link #ANSWER_LOST}, never sent again, and settled by its callback or {@link OperationTimeouts}
     * (an extension, which has no callback, at once when its disk shows the new size).
     */
    void answerLost(Operation op) {
        log.warn("The answer to operation {} ({}) was lost; it is not sent again, as the platform may have "
                + "carried it out", op.id(), op.kind());
        operations.markSentAnswerLost(op.id(), ANSWER_LOST);
        if (op.kind() == OperationKind.EXTEND_DATA_DISK) {
            Operation sent = operations.find(op.id()).orElseThrow();
            try {
                if (diskExtensions.reached(sent)) {
                    finish(sent, true, op.kind().successCode(), DiskExtensions.CONFIRMED);
                }
            } catch (Vsip4xException e) {
                log.info("Could not read the disk of operation {} yet; the time-outs' check will", op.id());
            }
        }
    }

    /**
     * Checks the pool's room first (too little: 2101). The VM ids are the portal's own, chosen before
     * the first send, so a retry after a lost answer cannot make more VMs: ids that exist already, or
     * a refusal of them as taken (2001), mean the earlier attempt was accepted.
     */
    private SdkResult create(Operation op) {
        CreateVmPayload payload = json.readValue(op.payload(), CreateVmPayload.class);
        if (op.attempts() > 1 && existing(payload.vmIds()) > 0) {
            return acceptedEarlier(op);
        }
        Remainder remainder = platform.call(c -> c.getCreateRemainder(payload.toSpec(), payload.poolName()));
        if (!remainder.result().ok()) {
            return remainder.result();
        }
        if (!remainder.satisfied()) {
            log.info("Pool '{}' has room for {} of the {} VMs of request {}", payload.poolName(),
                    remainder.availableNum(), payload.vmIds().size(), op.requestId());
            refused(op, ResultCodes.CREATE_NO_RESOURCES, "availableNum=" + remainder.availableNum());
            return null;
        }
        if (!stillOurs(op)) { // settled meanwhile, e.g. by the callbacks of an earlier attempt the room check outran
            return null;
        }
        SdkResult created = platform.call(c -> c.createVm(payload.toSpec()));
        if (DUPLICATE_IDS.equals(created.code()) && existing(payload.vmIds()) > 0) {
            return acceptedEarlier(op);
        }
        return created;
    }

    /**
     * Installs the VM of a request from its image, with the portal's own id (a retry finds it or a
     * 2001 as for {@link #create}); the platform's "no room" (2002) finishes it as a creation's, 2101.
     */
    private SdkResult install(Operation op) {
        InstallVmPayload payload = json.readValue(op.payload(), InstallVmPayload.class);
        if (op.attempts() > 1 && existing(payload.vmIds()) > 0) {
            return acceptedEarlier(op);
        }
        SdkResult installed = platform.call(c -> c.installVm(payload.toSpec()));
        if (DUPLICATE_IDS.equals(installed.code()) && existing(payload.vmIds()) > 0) {
            return acceptedEarlier(op);
        }
        if (NO_ROOM.equals(installed.code())) {
            log.info("Pool '{}' has no room to install VM '{}' of request {}", payload.repoId(), payload.vmId(),
                    op.requestId());
            refused(op, ResultCodes.CREATE_NO_RESOURCES, installed.info());
            return null;
        }
        return installed;
    }

    /** How many of {@code vmIds} the platform knows. */
    private int existing(List<String> vmIds) {
        return platform.call(c -> c.searchVmList(Map.of("vmIdList", vmIds))).size();
    }

    private static SdkResult acceptedEarlier(Operation op) {
        log.info("The VMs of operation {} exist already: an earlier attempt was accepted", op.id());
        return new SdkResult("0", ACCEPTED_EARLIER, Map.of());
    }

    /** Checks the room on the VM's host and pool first; too little finishes the operation with 2201. */
    private SdkResult modify(Operation op) {
        ModifyVmSpec spec = json.readValue(op.payload(), ChangePayload.class).toModifySpec(op.vmId());
        Remainder remainder = platform.call(c -> c.getModifyRemainder(spec));
        if (!remainder.result().ok()) {
            return remainder.result();
        }
        if (!remainder.satisfied()) {
            log.info("The platform has no room to resize VM '{}' for request {}", op.vmId(), op.requestId());
            refused(op, ResultCodes.RESIZE_NO_RESOURCES, "rs=0");
            return null;
        }
        return platform.call(c -> c.modifyVm(spec));
    }

    /** Creates the disk and mounts it on its VM, if any: both answer at once (an unmountable disk is deleted). */
    private SdkResult createDataDisk(Operation op) {
        ChangePayload payload = json.readValue(op.payload(), ChangePayload.class);
        SdkResult created = platform.call(c -> c.createDataDisk(payload.toDiskSpec()));
        // A retry after the platform went away may find the disk made by the earlier attempt:
        // its name is the portal's own random id, so "exists" (2054) then means "created".
        boolean madeEarlier = op.attempts() > 1 && DISK_EXISTS.equals(created.code());
        if (!created.ok() && !madeEarlier) {
            return created;
        }
        if (op.vmId() == null) {
            return finishedAtOnce(op, created.ok() ? created : new SdkResult("0", ACCEPTED_EARLIER, Map.of()));
        }
        SdkResult mounted = platform.call(c -> c.mountDataDisk(op.vmId(), payload.diskId()));
        // A retry after the mount's answer was lost finds the disk mounted already (2054) on this VM.
        if (madeEarlier && DISK_EXISTS.equals(mounted.code())
                && diskExtensions.mountedOn(payload.diskId(), op.vmId())) {
            return finishedAtOnce(op, new SdkResult("0", ACCEPTED_EARLIER, Map.of()));
        }
        if (!mounted.ok()) {
            SdkResult deleted = platform.call(c -> c.deleteDataDisk(payload.diskId()));
            log.info("Data disk '{}' could not be mounted on VM '{}' ({}); deleting it answered {}",
                    payload.diskId(), op.vmId(), mounted.code(), deleted.code());
            return mounted;
        }
        return finishedAtOnce(op, mounted);
    }

    /**
     * Extends a data disk by its increment, noting first the size it reaches: the platform adds
     * the increment, so an extension whose answer was lost is checked, never sent again.
     */
    private SdkResult extendDataDisk(Operation op) {
        ChangePayload payload = diskExtensions.withTarget(op);
        SdkResult extended = platform.call(c -> c.extendDataDisk(payload.diskId(), payload.sizeBytes()));
        return extended.ok() ? finishedAtOnce(op, extended) : extended;
    }

    /** Records and finishes a synchronous operation the platform has carried out. */
    private SdkResult finishedAtOnce(Operation op, SdkResult result) {
        sentEvent(op, result);
        finish(op, true, result.code(), result.info());
        return null;
    }

    private void handleProtocolError(Operation op, Vsip4xProtocolException e) {
        if (e.httpStatus() == 401 || e.httpStatus() == 403) {
            log.error("The platform refused the portal's credentials; operation {} stays queued", op.id());
            operations.requeue(op.id(), backoff(op.attempts()), "platform refused credentials");
            return;
        }
        log.error("The platform's answer to operation {} ({}) broke the binding: {}", op.id(), op.kind(),
                e.getMessage());
        finish(op, false, null, e.getMessage());
    }

    private void finish(Operation op, boolean success, String code, String info) {
        tx.executeWithoutResult(status -> finisher.finish(op.id(), success, code, info));
    }

    /** Finishes an operation the platform refused (or had no room for) when it was sent. */
    private void refused(Operation op, String code, String info) {
        tx.executeWithoutResult(status -> finisher.refused(op.id(), code, info));
    }

    /** Logs that the platform accepted an operation; a log that cannot take it must not make the portal resend it. */
    void sentEvent(Operation op, SdkResult result) {
        try {
            audit.event("PLATFORM_" + op.kind().method())
                    .as("system", operations.auditContext(op.id()).tenantCode(), null)
                    .target(op.vmId() != null ? "VM" : op.hostId() != null ? "HOST" : "REQUEST", op.auditTarget())
                    .params(AuditParams.of("operation", op.id()))
                    .result(AuditService.SUCCESS, result.code(), result.info())
                    .record();
        } catch (AuditUnavailableException e) {
            log.error("Could not log that the platform accepted operation {} ({})", op.id(), op.kind(), e);
        }
    }

    static Duration backoff(int attempts) {
        long seconds = 1L << Math.min(Math.max(attempts - 1, 0), 5);
        Duration pause = Duration.ofSeconds(seconds);
        return pause.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause;
    }

    /**
     * Hands work back at shutdown ({@link DispatcherHandBack}): claims nothing more, waits up to
     * {@code portal.cluster.shutdown-wait} for the sends under way, and queues again the operations
     * claimed and never started. Returns how many it queued again; later calls do nothing.
     */
    int handBack() {
        if (!stopping.compareAndSet(false, true)) {
            return 0;
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(node.settings().shutdownWait().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Sends were still under way after {}; another node takes them over",
                        node.settings().shutdownWait());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int handed = claims.handBack(held.takeUnstarted(), node.name());
        log.info("The dispatcher of node '{}' stopped; it handed back {} operations it had not sent", node.name(),
                handed);
        return handed;
    }

    @Override
    public void destroy() throws InterruptedException {
        handBack();
        senders.shutdown();
        senders.awaitTermination(5, TimeUnit.SECONDS);
    }
}
