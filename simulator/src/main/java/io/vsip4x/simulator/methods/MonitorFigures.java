package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.inventory.Host;
import io.vsip4x.simulator.lifecycle.Capacity;
import io.vsip4x.simulator.state.Vm;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Made-up but plausible monitoring figures. They change every {@link #TICK_SECONDS} seconds and
 * stay within bounds: CPU use 0 to 100 %, memory used at most the total, speeds not negative.
 * A VM that is not running uses nothing; a host carries its running VMs plus a little of its own.
 */
final class MonitorFigures {

    /** How long one set of figures holds, in seconds. */
    static final long TICK_SECONDS = 5;

    private static final long MIB = 1L << 20;

    /**
     * One sample.
     *
     * @param cpuUsedPercent busy CPU, 0 to 100
     * @param memUsedBytes   memory in use, at most {@code memTotalBytes}
     * @param memTotalBytes  memory there is
     * @param diskRead       disk read speed, bytes per second
     * @param diskWrite      disk write speed, bytes per second
     * @param networkIn      network receive speed, bytes per second
     * @param networkOut     network send speed, bytes per second
     * @param load           load average
     */
    record Figures(double cpuUsedPercent, long memUsedBytes, long memTotalBytes, long diskRead, long diskWrite,
            long networkIn, long networkOut, double load) {

        static Figures idle(long memTotalBytes) {
            return new Figures(0, 0, memTotalBytes, 0, 0, 0, 0, 0);
        }
    }

    private MonitorFigures() {
    }

    /** The figures of {@code vm} at {@code now}. */
    static Figures vm(Vm vm, Instant now) {
        if (vm.status() != 1) {
            return Figures.idle(vm.memoryBytes());
        }
        SplittableRandom random = random(vm.vmId(), now);
        double cpu = round(5 + random.nextDouble() * 55);
        long memUsed = (long) (vm.memoryBytes() * (0.3 + random.nextDouble() * 0.5));
        return new Figures(cpu, memUsed, vm.memoryBytes(), speed(random, 20), speed(random, 10),
                speed(random, 5), speed(random, 5), round(vm.cpu() * cpu / 100));
    }

    /**
     * The figures of {@code host} at {@code now}, carrying the running VMs among {@code vms}.
     * Its memory used is the memory its VMs hold, as {@code searchHostList} reports it.
     */
    static Figures host(Host host, List<Vm> vms, Instant now) {
        List<Figures> guests = vms.stream().filter(vm -> host.id().equals(vm.hostId()))
                .map(vm -> vm(vm, now)).toList();
        SplittableRandom random = random(host.id(), now);
        double busyCores = guests.stream().mapToDouble(Figures::load).sum() + random.nextDouble() * 0.5;
        double cpu = round(Math.min(100, busyCores * 100 / host.cpuCores()));
        long memUsed = Math.min(host.memoryTotalBytes(), Capacity.memoryUsed(host.id(), vms));
        return new Figures(cpu, memUsed, host.memoryTotalBytes(),
                guests.stream().mapToLong(Figures::diskRead).sum() + speed(random, 1),
                guests.stream().mapToLong(Figures::diskWrite).sum() + speed(random, 1),
                guests.stream().mapToLong(Figures::networkIn).sum() + speed(random, 1),
                guests.stream().mapToLong(Figures::networkOut).sum() + speed(random, 1),
                round(busyCores));
    }

    private static SplittableRandom random(String id, Instant now) {
        long tick = now.getEpochSecond() / TICK_SECONDS;
        return new SplittableRandom(id.hashCode() * 31L + tick);
    }

    private static long speed(SplittableRandom random, int maxMib) {
        return (long) (random.nextDouble() * maxMib * MIB);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
