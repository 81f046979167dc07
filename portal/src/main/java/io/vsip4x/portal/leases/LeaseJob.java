package io.vsip4x.portal.leases;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Takes the due lease steps every {@code portal.leases.interval} (10 minutes by default). */
@Component
class LeaseJob {

    private static final Logger log = LoggerFactory.getLogger(LeaseJob.class);

    private final LeaseService leases;

    LeaseJob(LeaseService leases) {
        this.leases = leases;
    }

    @Scheduled(fixedDelayString = "${portal.leases.interval:10m}", initialDelayString = "${portal.leases.interval:10m}")
    @SchedulerLock(name = "LeaseJob", lockAtMostFor = "PT9M", lockAtLeastFor = "PT5M")
    void run() {
        try {
            int steps = leases.runDueSteps();
            if (steps > 0) {
                log.info("Took {} lease steps", steps);
            }
        } catch (RuntimeException e) {
            log.error("The lease job failed; it runs again on its next tick", e);
        }
    }
}
