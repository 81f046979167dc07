package io.vsip4x.portal.requests;

import io.vsip4x.portal.audit.Correlation;
import io.vsip4x.portal.tenancy.QuotaExceeded;
import java.time.Clock;
import java.time.Instant;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Lets levels with a time-out decide by themselves: every {@code portal.approvals.timeout-interval}
 * (a minute by default) it looks at the pending requests and decides, each in a transaction of its
 * own, those whose level has waited longer than its time-out by the portal's clock.
 */
@Component
class ApprovalTimeouts {

    private static final Logger log = LoggerFactory.getLogger(ApprovalTimeouts.class);

    private final WorkflowRepository workflow;
    private final ApprovalWorkflow approvals;
    private final Clock clock;

    ApprovalTimeouts(WorkflowRepository workflow, ApprovalWorkflow approvals, Clock clock) {
        this.workflow = workflow;
        this.approvals = approvals;
        this.clock = clock;
    }

    /** Decides the overdue levels on one node at a time. */
    @Scheduled(fixedDelayString = "${portal.approvals.timeout-interval:60s}",
            initialDelayString = "${portal.approvals.timeout-interval:60s}")
    @SchedulerLock(name = "ApprovalTimeouts", lockAtMostFor = "PT10M", lockAtLeastFor = "PT30S")
    void scheduled() {
        int decided = decideOverdue();
        if (decided > 0) {
            log.info("Decided {} approval levels that waited too long", decided);
        }
    }

    /** Decides every overdue level; returns how many decided. */
    int decideOverdue() {
        Instant now = clock.instant();
        int decided = 0;
        for (long id : workflow.waitingSince(now.minusSeconds(60))) {
            // Each decision is work of its own: its events and the operation it queues share one correlation id.
            try (Correlation.Scope scope = Correlation.open(Correlation.newId())) {
                if (approvals.decideIfOverdue(id, now)) {
                    decided++;
                }
            } catch (QuotaExceeded e) {
                log.info("The time-out approval of request {} does not fit the quota; it waits another period", id);
                approvals.restartWait(id);
            } catch (RuntimeException e) {
                log.warn("The time-out of request {} could not be carried out", id, e);
            }
        }
        return decided;
    }
}
