package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.inventory.Host;
import io.vsip4x.simulator.lifecycle.Capacity;
import io.vsip4x.simulator.state.Vm;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Made-up but plausible monitoring figures. A running VM has a character of its own (seeded by
 * its id: a baseline, how much it swings, and the period and phase of its swings, 20 to 90
 * minutes) around which its figures move smoothly, plus a little noise that changes every
 * {@link #TICK_SECONDS} seconds. They stay within bounds: CPU use 1 to 98 %, memory used at most
 * the total, speeds not negative. A VM that is not running uses nothing; a host carries its
 * running VMs plus a little of its own.
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
        SplittableRandom character = new SplittableRandom(vm.vmId().hashCode() * 1_000_003L);
        SplittableRandom noise = random(vm.vmId(), now);
        double seconds = now.getEpochSecond();
        double cpu = round(bounded(wave(character, seconds, 5 + character.nextDouble() * 45,
                5 + character.nextDouble() * 25) + noise.nextDouble() * 4 - 2, 1, 98));
        double memShare = bounded(wave(character, seconds, 0.3 + character.nextDouble() * 0.4, 0.1)
                + noise.nextDouble() * 0.02 - 0.01, 0.05, 0.95);
        long memUsed = (long) (vm.memoryBytes() * memShare);
        return new Figures(cpu, memUsed, vm.memoryBytes(), rate(character, noise, seconds, 20),
                rate(character, noise, seconds, 10), rate(character, noise, seconds, 5),
                rate(character, noise, seconds, 5), round(vm.cpu() * cpu / 100));
    }

    /**
     * {@code base} plus a sine of amplitude {@code swing} whose period (20 to 90 minutes) and phase
     * come from {@code character}.
     */
    private static double wave(SplittableRandom character, double seconds, double base, double swing) {
        double period = 1200 + character.nextDouble() * 4200;
        double phase = character.nextDouble() * 2 * Math.PI;
        return base + swing * Math.sin(2 * Math.PI * seconds / period + phase);
    }

    /** A speed that swings around a baseline of up to {@code maxMib} MiB/s, never negative. */
    private static long rate(SplittableRandom character, SplittableRandom noise, double seconds, int maxMib) {
        double base = (0.1 + character.nextDouble() * 0.5) * maxMib * MIB;
        double value = wave(character, seconds, base, base * 0.8) * (0.9 + noise.nextDouble() * 0.2);
        return (long) Math.max(0, value);
    }

    private static double bounded(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
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
