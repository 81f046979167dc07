package io.vsip4x.simulator.lifecycle;

import io.vsip4x.simulator.inventory.Network;
import io.vsip4x.simulator.state.Nic;
import io.vsip4x.simulator.state.Vm;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Hands out IP and MAC addresses not yet used by any VM; not thread-safe. */
public final class Addresses {

    private static final int FIRST_HOST = 10;
    private static final int LAST_HOST = 254;
    private static final String PASSWORD_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final SecureRandom random = new SecureRandom();
    private final Set<String> ips = new HashSet<>();
    private final Set<String> macs = new HashSet<>();

    /** Starts from the addresses {@code vms} already use. */
    public Addresses(Collection<Vm> vms) {
        for (Vm vm : vms) {
            for (Nic nic : vm.nics()) {
                ips.add(nic.ipAddress());
                macs.add(nic.macAddress());
            }
        }
    }

    /** {@code wanted} if given, else the next free address of {@code network}, or empty. */
    public String ip(Network network, String wanted) {
        if (wanted != null && !wanted.isBlank()) {
            ips.add(wanted);
            return wanted;
        }
        for (int host = FIRST_HOST; host <= LAST_HOST; host++) {
            String candidate = network.subnetPrefix() + host;
            if (ips.add(candidate)) {
                return candidate;
            }
        }
        return "";
    }

    /** {@code wanted} if given, else a new KVM MAC address ({@code 52:54:00:...}). */
    String mac(String wanted) {
        if (wanted != null && !wanted.isBlank()) {
            macs.add(wanted.toLowerCase());
            return wanted.toLowerCase();
        }
        String mac;
        do {
            mac = String.format("52:54:00:%02x:%02x:%02x", random.nextInt(256), random.nextInt(256),
                    random.nextInt(256));
        } while (!macs.add(mac));
        return mac;
    }

    /** A random console password of eight letters and digits. */
    String password() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            password.append(PASSWORD_CHARS.charAt(random.nextInt(PASSWORD_CHARS.length())));
        }
        return password.toString();
    }
}
