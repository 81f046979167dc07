package io.vsip4x.simulator.inventory;

import java.util.Objects;

/**
 * A physical KVM host of one pool.
 *
 * @param id               its id ({@code hostId})
 * @param name             its host name
 * @param poolId           the pool it belongs to
 * @param cpuCores         vCPUs it can give to VMs ({@code host.cpu.num})
 * @param cpuMhz           CPU frequency
 * @param cpuModel         CPU model
 * @param cpuVendor        CPU vendor
 * @param memoryTotalBytes memory it can give to VMs, in bytes
 * @param online           whether it runs
 * @param ipAddress        its management address
 * @param macAddress       MAC of its management NIC
 * @param diskBytes        size of its local disk, in bytes
 */
public record Host(String id, String name, String poolId, int cpuCores, int cpuMhz, String cpuModel,
        String cpuVendor, long memoryTotalBytes, boolean online, String ipAddress, String macAddress,
        long diskBytes) {

    public Host {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(poolId, "poolId");
    }

    /** This host with power state {@code running}. */
    public Host withOnline(boolean running) {
        return new Host(id, name, poolId, cpuCores, cpuMhz, cpuModel, cpuVendor, memoryTotalBytes, running,
                ipAddress, macAddress, diskBytes);
    }
}
