package io.vsip4x.portal.platform;

import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.VmSummary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the classification (密级) the platform reports for each VM ({@code vm.classification} of
 * {@code searchVmList}) at every reconciliation, so that a level changed on the platform reaches
 * the portal's lists and checks.
 */
@Component
class ClassificationSync {

    private static final Logger log = LoggerFactory.getLogger(ClassificationSync.class);

    private final PlatformClient platform;
    private final PlatformHealth health;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    ClassificationSync(PlatformClient platform, PlatformHealth health, ApplicationEventPublisher events,
            TransactionTemplate tx) {
        this.platform = platform;
        this.health = health;
        this.events = events;
        this.tx = tx;
    }

    @Scheduled(fixedDelayString = "${portal.platform.reconcile-interval:15s}",
            initialDelayString = "${portal.platform.reconcile-interval:15s}")
    @SchedulerLock(name = "ClassificationSync.sync", lockAtMostFor = "PT2M",
            lockAtLeastFor = "${portal.cluster.reconcile-lock-at-least:10s}")
    void sync() {
        if (!health.reachable()) {
            return;
        }
        try {
            List<VmSummary> vms = platform.call(c -> c.searchVmList(Map.of()));
            Map<String, Integer> levels = levels(vms);
            tx.executeWithoutResult(s -> events.publishEvent(new VmClassificationsReported(levels)));
        } catch (Vsip4xException e) {
            log.info("The classification of VMs was not read: the platform did not answer");
        }
    }

    /** Each listed VM's level; a VM that reports none, or not a whole number from 0, is left out. */
    static Map<String, Integer> levels(List<VmSummary> vms) {
        Map<String, Integer> levels = new HashMap<>();
        for (VmSummary vm : vms) {
            if (vm.vmId() != null && vm.classification() >= 0) {
                levels.put(vm.vmId(), vm.classification());
            }
        }
        return levels;
    }
}
