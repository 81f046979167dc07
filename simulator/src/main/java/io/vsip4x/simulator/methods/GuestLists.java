package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.state.GuestState;
import io.vsip4x.simulator.state.Vm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * The lists of the guest-agent tasks {@code getVMProcess} and {@code getVMSoft}, in appendix 1's
 * keys with string values. PIDs stay put for one boot of a VM; CPU and memory figures vary from
 * call to call; the software differs a little from VM to VM but stays put for each.
 */
final class GuestLists {

    private static final double KERNEL_THREAD = 0;
    private static final int FIRST_LINUX_PID = 380;
    private static final int FIRST_WINDOWS_PID = 88;
    private static final int FIRST_SESSION_PID = 2400;

    private GuestLists() {
    }

    /** The processes of {@code vm}, with those of its session when someone is signed in. */
    static List<Map<String, Object>> processes(Vm vm, GuestOs os, GuestState guest, RandomGenerator noise) {
        Random pids = new Random(31L * vm.vmId().hashCode() + guest.boots());
        long totalKb = Math.max(1, vm.memoryBytes() / 1024);
        List<Map<String, Object>> rows = new ArrayList<>();
        int next = os.windows() ? FIRST_WINDOWS_PID : FIRST_LINUX_PID;
        int kernelThread = 3;
        for (GuestOs.Proc proc : os.base()) {
            int pid;
            if (isFixedPid(proc)) {
                pid = fixedPid(proc);
            } else if (proc.memoryKb() == 0) {
                pid = kernelThread++;
            } else {
                next += os.windows() ? 4 * (1 + pids.nextInt(40)) : 1 + pids.nextInt(120);
                pid = next;
            }
            rows.add(row(proc, pid, totalKb, noise));
        }
        if (guest.session() != null) {
            int sessionPid = FIRST_SESSION_PID + pids.nextInt(4000);
            List<GuestOs.Proc> more = new ArrayList<>(os.session());
            if (guest.session().locked()) {
                more.addAll(os.locked());
            }
            for (GuestOs.Proc proc : more) {
                sessionPid += os.windows() ? 4 * (1 + pids.nextInt(60)) : 1 + pids.nextInt(90);
                rows.add(row(proc, sessionPid, totalKb, noise));
            }
        }
        return rows;
    }

    /** The software installed in {@code vm}: its OS's packages and a per-VM choice of extras. */
    static List<Map<String, Object>> software(Vm vm, GuestOs os) {
        Random choice = new Random(vm.vmId().hashCode());
        List<Map<String, Object>> rows = new ArrayList<>();
        os.installed().forEach(soft -> rows.add(row(soft)));
        os.extras().stream().filter(soft -> choice.nextBoolean()).forEach(soft -> rows.add(row(soft)));
        return rows;
    }

    private static boolean isFixedPid(GuestOs.Proc proc) {
        return switch (proc.name()) {
            case "systemd", "kthreadd", "System" -> true;
            default -> false;
        };
    }

    private static int fixedPid(GuestOs.Proc proc) {
        return switch (proc.name()) {
            case "systemd" -> 1;
            case "kthreadd" -> 2;
            default -> 4;
        };
    }

    private static Map<String, Object> row(GuestOs.Proc proc, int pid, long totalKb, RandomGenerator noise) {
        long kb = proc.memoryKb() == 0 ? 0 : Math.round(proc.memoryKb() * (0.9 + 0.2 * noise.nextDouble()));
        double cpu = proc.memoryKb() == 0 ? KERNEL_THREAD : noise.nextDouble() * (kb > 50_000 ? 6 : 1.5);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("processname", proc.name());
        row.put("PID", Integer.toString(pid));
        row.put("cpu", String.format(Locale.ROOT, "%.1f", cpu));
        row.put("memory", String.format(Locale.ROOT, "%.1f", 100.0 * kb / totalKb));
        row.put("memory_count", Long.toString(kb));
        return row;
    }

    private static Map<String, Object> row(GuestOs.Soft soft) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("softname", soft.name());
        row.put("softversion", soft.version());
        return row;
    }
}
