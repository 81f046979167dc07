package io.vsip4x.portal.vms;

import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.sdk.codes.ResultCodes;
import io.vsip4x.sdk.codes.VmStatus;
import io.vsip4x.sdk.model.DeviceList;
import io.vsip4x.sdk.model.VnicInfo;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reads a new VM's addresses ({@code getVmVnics}) as soon as the platform reports it created, so
 * that it can be found by IP at once rather than after the next inventory reconciliation. The
 * read runs after the report's transaction commits, off the callback's thread; a platform that
 * cannot answer leaves the addresses to the reconciliation.
 */
@Component
public class VmAddressRefresh {

    private static final Logger log = LoggerFactory.getLogger(VmAddressRefresh.class);

    private final PlatformClient platform;
    private final JdbcClient jdbc;
    private final LiveUpdates live;
    private final TaskExecutor executor;

    VmAddressRefresh(PlatformClient platform, JdbcClient jdbc, LiveUpdates live,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.platform = platform;
        this.jdbc = jdbc;
        this.live = live;
        this.executor = executor;
    }

    @EventListener
    void onStateApplied(VmStateApplied applied) {
        Vm vm = applied.vm();
        boolean created = OperationKind.createsVms(applied.report().operation())
                && ResultCodes.isSuccess(applied.report().code()) && vm.status() != null
                && vm.status() != VmStatus.CREATING.code() && vm.lifecycle() == VmLifecycle.ACTIVE;
        if (!created) {
            return;
        }
        Runnable read = () -> executor.execute(() -> refresh(vm.vmId(), vm.tenantId()));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    read.run();
                }
            });
        } else {
            read.run();
        }
    }

    /**
     * Reads and stores the addresses of VM {@code vmId} now (also after a guest task set one);
     * returns whether they changed. A platform that cannot answer leaves them to the reconciliation.
     */
    public boolean refresh(String vmId, long tenantId) {
        try {
            DeviceList<VnicInfo> nics = platform.call(c -> c.getVmVnics(vmId));
            if (!nics.ok()) {
                return false;
            }
            String addresses = nics.devices().stream().map(VnicInfo::ipAddress).filter(Objects::nonNull)
                    .map(String::trim).filter(a -> !a.isEmpty()).collect(Collectors.joining(","));
            if (addresses.isEmpty() || addresses.length() > 255) {
                return false;
            }
            boolean changed = jdbc.sql("""
                    UPDATE vm SET ip_addresses = :addresses
                     WHERE vm_id = :vmId AND (ip_addresses IS NULL OR ip_addresses <> :addresses)""")
                    .param("addresses", addresses).param("vmId", vmId).update() == 1;
            if (changed) {
                live.publish(tenantId, LiveUpdates.VMS, vmId);
            }
            return changed;
        } catch (RuntimeException e) {
            // The platform unreachable, or an answer the adapter cannot read (both runtime exceptions).
            log.info("Could not read the addresses of new VM '{}' now; the reconciliation will", vmId);
            return false;
        }
    }
}
