package io.vsip4x.portal.admin.hosts;

import io.vsip4x.portal.web.PortalException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A shutdown refused because VMs on the host are not stopped: 409 with code 9004, naming them. */
class HostRefusal extends PortalException {

    private final transient List<HostVm> vms;

    HostRefusal(String hostId, List<HostVm> vms) {
        super(HttpStatus.CONFLICT, "admin.hosts.power.refused.vmsRunning", HostPower.REFUSED, hostId,
                String.join(", ", vms.stream().map(HostVm::vmId).toList()));
        this.vms = List.copyOf(vms);
    }

    /** The VMs in the way, in the problem response's {@code vms}. */
    @Override
    public Map<String, Object> properties() {
        return Map.of("vms", vms);
    }
}
