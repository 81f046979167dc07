package io.vsip4x.portal.vms;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.platform.VmClassificationsReported;
import io.vsip4x.portal.web.LiveUpdates;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps each VM's classification (密级) at the level the platform reports; VMs the platform does
 * not list keep theirs.
 */
@Component
class VmClassifier {

    private static final Logger log = LoggerFactory.getLogger(VmClassifier.class);

    private final VmRepository vms;
    private final AuditService audit;
    private final LiveUpdates live;

    VmClassifier(VmRepository vms, AuditService audit, LiveUpdates live) {
        this.vms = vms;
        this.audit = audit;
        this.live = live;
    }

    /** Applies the levels that differ from the portal's; each change is audited. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void onClassificationsReported(VmClassificationsReported report) {
        Set<Long> tenants = new HashSet<>();
        for (Map.Entry<String, Integer> known : vms.classifications().entrySet()) {
            Integer reported = report.levels().get(known.getKey());
            if (reported == null || reported.equals(known.getValue())) {
                continue;
            }
            vms.updateClassification(known.getKey(), reported);
            String tenant = vms.find(known.getKey()).map(vm -> vms.tenantCode(vm.tenantId())).orElse(null);
            audit.event("VM_CLASSIFICATION")
                    .as("platform", tenant, null)
                    .target("VM", known.getKey())
                    .params("classification=" + known.getValue() + "->" + reported)
                    .record();
            log.info("VM '{}' is now of classification {} (was {})", known.getKey(), reported, known.getValue());
            vms.find(known.getKey()).ifPresent(vm -> tenants.add(vm.tenantId()));
        }
        tenants.forEach(tenant -> live.publish(tenant, LiveUpdates.VMS));
    }
}
