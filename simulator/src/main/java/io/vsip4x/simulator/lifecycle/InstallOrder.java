package io.vsip4x.simulator.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code installVm} call whose parameters are well-formed; whether the pool, image, id and
 * room exist is for {@link VmInstalls#install} to decide.
 *
 * @param vmId        the id of the new VM
 * @param pool        the pool, by id or name ({@code repoId})
 * @param image       the installation image ({@code installSrc}): its id, file name or full path
 * @param shape       the VM's vCPUs, memory and total disk
 * @param nics        its NICs
 * @param encryption  disk encryption format, or {@code null} for none
 * @param vncPassword console password ({@code vncPwd}), or {@code null} to generate one; never logged
 * @param attributes  what {@code searchVmList} shows of the VM beyond its shape, under its keys
 *                    (the OS type and bits, CPU architecture, maximum memory)
 */
public record InstallOrder(String vmId, String pool, String image, Shape shape, List<NicRequest> nics,
        String encryption, String vncPassword, Map<String, Object> attributes) {

    public InstallOrder {
        Objects.requireNonNull(vmId, "vmId");
        nics = List.copyOf(nics);
        attributes = Map.copyOf(attributes);
    }

    /** Leaves the console password out. */
    @Override
    public String toString() {
        return "InstallOrder[" + vmId + ", pool=" + pool + ", image=" + image + ", " + shape + "]";
    }
}
