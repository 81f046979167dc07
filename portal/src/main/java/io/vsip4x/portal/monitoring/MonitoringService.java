package io.vsip4x.portal.monitoring;

import static io.vsip4x.portal.monitoring.MonitoringRepository.BUCKET_SECONDS;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmLifecycle;
import io.vsip4x.portal.vms.VmService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The monitoring series people see, read from the tables every time (nothing is cached, so the
 * charts are the same after a restart): the last hour from raw samples; the last day from
 * ten-minute averages, followed by the raw samples newer than the last complete bucket.
 */
@Service
public class MonitoringService {

    private final MonitoringRepository repository;
    private final VmService vms;
    private final Clock clock;

    MonitoringService(MonitoringRepository repository, VmService vms, Clock clock) {
        this.repository = repository;
        this.vms = vms;
        this.clock = clock;
    }

    /**
     * The series of VM {@code vmId} over {@code range}.
     *
     * @throws io.vsip4x.portal.web.PortalException 404 when the VM is not {@code user}'s to see
     */
    public Series series(CurrentUser user, String vmId, MonitoringRange range) {
        Vm vm = vms.get(user, vmId);
        long from = clock.instant().minus(range.length()).getEpochSecond();
        List<Sample> points;
        if (range == MonitoringRange.HOUR) {
            points = repository.samples(vmId, from);
        } else {
            points = new ArrayList<>(repository.rollups(vmId, from));
            long rawFrom = points.isEmpty() ? from : points.get(points.size() - 1).time() + BUCKET_SECONDS;
            points.addAll(repository.samples(vmId, rawFrom));
        }
        return Series.of(vm.vmId(), range, running(vm), points);
    }

    /** Whether {@code vm} is sampled: active and reported running (status 1). */
    public static boolean running(Vm vm) {
        return vm.lifecycle() == VmLifecycle.ACTIVE && vm.status() != null && vm.status() == 1;
    }
}
