package io.vsip4x.portal.leases;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.audit.Correlation;
import io.vsip4x.portal.notifications.NotificationService;
import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.portal.platform.OperationService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmLifecycle;
import io.vsip4x.portal.vms.VmService;
import io.vsip4x.portal.vms.VmStateApplied;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.portal.web.Times;
import io.vsip4x.sdk.codes.VmStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * VM leases. A VM created for a request with lease days gets its expiry when the platform
 * reports it created. Then, by the portal's clock: its owner is told {@code warn-days} before
 * (once), at expiry it is shut down through the operation queue (once), and {@code grace-days}
 * after expiry it is deleted through the operation queue; each step notifies the owner and is
 * audited as {@code system}. {@link #renew} moves the expiry and starts the steps over.
 */
@Service
public class LeaseService {

    /**
     * The qualifier of a clock of the leases' own, which they then use instead of the portal's:
     * tests move it forward, without moving the time of anything else (callback signatures).
     */
    public static final String CLOCK = "leaseClock";
    private static final Logger log = LoggerFactory.getLogger(LeaseService.class);
    private static final String SYSTEM = "system";
    private static final String LINK = "/vms";

    private final LeaseRepository leases;
    private final LeaseProperties properties;
    private final VmService vms;
    private final OperationService operations;
    private final NotificationService notifications;
    private final AuditService audit;
    private final LiveUpdates live;
    private final Times times;
    private final Clock clock;
    private final TransactionTemplate tx;

    LeaseService(LeaseRepository leases, LeaseProperties properties, VmService vms, OperationService operations,
            NotificationService notifications, AuditService audit, LiveUpdates live, Times times, Clock clock,
            @Qualifier(CLOCK) ObjectProvider<Clock> leaseClock, TransactionTemplate tx) {
        this.leases = leases;
        this.properties = properties;
        this.vms = vms;
        this.operations = operations;
        this.notifications = notifications;
        this.audit = audit;
        this.live = live;
        this.times = times;
        this.clock = leaseClock.getIfAvailable(() -> clock);
        this.tx = tx;
    }

    /**
     * Moves the lease of VM {@code vmId} to {@code newExpiry} and clears its warning and expiry,
     * so that the owner is warned again before the new date, and the VM is shut down and deleted
     * only after it. For an approved renewal request; runs in the caller's transaction (or its
     * own) and is audited as the signed-in person ({@code system} without one). A VM shut down
     * at its old expiry stays stopped: its owner starts it again.
     *
     * @throws PortalException 404 when the VM does not exist, 409 when it is being deleted or deleted
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public void renew(String vmId, Instant newExpiry) {
        Lease lease = leases.lock(vmId).orElseThrow(() -> PortalException.notFound("error.vm.notFound", vmId));
        if (lease.lifecycle() != VmLifecycle.ACTIVE && lease.lifecycle() != VmLifecycle.PENDING) {
            throw PortalException.conflict("error.lease.vmGone", lease.vmName());
        }
        leases.renew(vmId, newExpiry);
        audit.event("LEASE_RENEW")
                .target("VM", vmId)
                .params("from=" + lease.expiresAt() + ", to=" + newExpiry)
                .record();
        live.publish(lease.tenantId(), LiveUpdates.VMS);
    }

    /** Starts the lease of a VM its request gave one, when the platform reports it created. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void onStateApplied(VmStateApplied applied) {
        Vm vm = applied.vm();
        Integer status = applied.report().status();
        if (!OperationKind.createsVms(applied.report().operation()) || vm.requestId() == null
                || vm.lifecycle() != VmLifecycle.ACTIVE || vm.leaseExpiresAt() != null
                || status == null || status == VmStatus.CREATING.code()) {
            return;
        }
        Integer days = leases.requestedDays(vm.requestId());
        if (days == null) {
            return;
        }
        Instant expiresAt = clock.instant().plus(Duration.ofDays(days));
        if (leases.start(vm.vmId(), expiresAt)) {
            Lease lease = leases.lock(vm.vmId()).orElseThrow();
            audit.event("LEASE_START")
                    .as(SYSTEM, lease.tenantCode(), null)
                    .target("VM", vm.vmId())
                    .params("days=" + days + ", expiresAt=" + expiresAt)
                    .record();
        }
    }

    /**
     * Takes every lease step that is due by the clock now: warnings, shut-downs, deletions. Each
     * VM's step runs in a transaction of its own; one that fails is logged and tried on the next run.
     *
     * @return how many steps were taken
     */
    public int runDueSteps() {
        Instant now = clock.instant();
        int steps = 0;
        steps += each(leases.dueWarnings(now, now.plus(properties.warning())), now, this::warn);
        steps += each(leases.dueExpiries(now), now, this::expire);
        steps += each(leases.dueDeletions(now.minus(properties.grace())), now, this::delete);
        return steps;
    }

    private int each(List<String> vmIds, Instant now, BiConsumer<Lease, Instant> step) {
        int taken = 0;
        for (String vmId : vmIds) {
            // Each step is work of its own: its events and the operations it queues share one correlation id.
            try (Correlation.Scope scope = Correlation.open(Correlation.newId())) {
                Boolean done = tx.execute(s -> leases.lock(vmId).filter(l -> l.lifecycle() == VmLifecycle.ACTIVE)
                        .map(lease -> {
                            step.accept(lease, now);
                            return true;
                        }).orElse(false));
                taken += Boolean.TRUE.equals(done) ? 1 : 0;
            } catch (StepNotDue e) {
                log.debug("A lease step on VM '{}' was taken by another run", vmId);
            } catch (RuntimeException e) {
                log.error("A lease step on VM '{}' failed; it is tried again on the next run", vmId, e);
            }
        }
        return taken;
    }

    /** Tells the owner the lease ends soon; once. */
    private void warn(Lease lease, Instant now) {
        requireDue(lease.warnedAt() == null && lease.expiredAt() == null && lease.expiresAt() != null
                && lease.expiresAt().isAfter(now) && !lease.expiresAt().isAfter(now.plus(properties.warning())));
        leases.markWarned(lease.vmId(), now);
        notifications.send(lease.ownerId(), "notification.lease.warning",
                List.of(lease.vmName(), times.minute(lease.expiresAt())), LINK);
        audit.event("LEASE_WARN")
                .as(SYSTEM, lease.tenantCode(), null)
                .target("VM", lease.vmId())
                .params("expiresAt=" + lease.expiresAt())
                .record();
    }

    /** Shuts the VM down at expiry (unless it is stopped); once. */
    private void expire(Lease lease, Instant now) {
        requireDue(lease.expiredAt() == null && lease.expiresAt() != null && !lease.expiresAt().isAfter(now));
        leases.markExpired(lease.vmId(), now);
        Optional<Long> shutdown = Optional.empty();
        if (lease.status() == null || lease.status() != VmStatus.STOPPED.code()) {
            shutdown = Optional.of(operations.queue(OperationKind.SHUTDOWN_VM, lease.vmId(), null, null));
        }
        Instant deletion = lease.expiresAt().plus(properties.grace());
        notifications.send(lease.ownerId(), "notification.lease.expired",
                List.of(lease.vmName(), times.minute(deletion)), LINK);
        audit.event("LEASE_EXPIRE")
                .as(SYSTEM, lease.tenantCode(), null)
                .target("VM", lease.vmId())
                .params(shutdown.map(id -> "shutdown operation=" + id).orElse("stopped already") + ", deleteAfter="
                        + deletion)
                .record();
        live.publish(lease.tenantId(), LiveUpdates.VMS);
    }

    /** Deletes the VM once the grace period after expiry is over. */
    private void delete(Lease lease, Instant now) {
        requireDue(lease.expiredAt() != null && lease.expiresAt() != null
                && !lease.expiresAt().plus(properties.grace()).isAfter(now));
        Optional<Long> deletion = vms.beginDelete(lease.vmId(), null);
        if (deletion.isEmpty()) {
            throw new StepNotDue();
        }
        notifications.send(lease.ownerId(), "notification.lease.deleted", List.of(lease.vmName()), LINK);
        audit.event("LEASE_DELETE")
                .as(SYSTEM, lease.tenantCode(), null)
                .target("VM", lease.vmId())
                .params("delete operation=" + deletion.get())
                .record();
    }

    private static void requireDue(boolean due) {
        if (!due) {
            throw new StepNotDue();
        }
    }

    /** A step another run took between the search and the lock: its transaction is rolled back. */
    private static final class StepNotDue extends RuntimeException {

        StepNotDue() {
            super(null, null, false, false);
        }
    }
}
