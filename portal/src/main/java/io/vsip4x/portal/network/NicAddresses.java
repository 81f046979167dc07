package io.vsip4x.portal.network;

import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.sdk.model.Ipv4;
import java.util.Arrays;
import java.util.List;

/**
 * The address rules of a NIC, as the platform checks them, turned into field messages before the
 * platform is asked: a dotted IPv4 address that is neither the network nor the broadcast address
 * of its subnet, a real subnet mask (1 to 30 bits), a gateway that is another address of the same
 * subnet, and DNS servers that are IPv4 addresses. Used for NICs and for the guest's own address.
 */
public final class NicAddresses {

    /** How many DNS servers a NIC takes. */
    public static final int MAX_DNS = 4;

    private NicAddresses() {
    }

    /** The DNS servers of a form's text: separated by commas, semicolons or white space. */
    public static List<String> dnsList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    /**
     * Checks a fixed address; {@code gateway} may be {@code null}, {@code dns} empty.
     * Fields: {@code ipAddress}, {@code subnetMask}, {@code gateway}, {@code dnsServers}.
     */
    public static void checkFixed(FieldProblems.Collector problems, String ip, String mask, String gateway,
            List<String> dns) {
        if (ip == null) {
            problems.reject("ipAddress", "vm.nic.field.ipAddress.required");
        } else if (!Ipv4.valid(ip)) {
            problems.reject("ipAddress", "vm.nic.field.ipAddress.invalid", ip);
        }
        if (mask == null) {
            problems.reject("subnetMask", "vm.nic.field.subnetMask.required");
        } else if (!Ipv4.validMask(mask)) {
            problems.reject("subnetMask", "vm.nic.field.subnetMask.invalid", mask);
        }
        boolean addressed = !problems.has("ipAddress") && !problems.has("subnetMask");
        if (!problems.has("ipAddress") && special(ip)) {
            problems.reject("ipAddress", "vm.nic.field.ipAddress.special", ip);
        } else if (addressed && Ipv4.reserved(ip, mask)) {
            problems.reject("ipAddress", "vm.nic.field.ipAddress.reserved", ip, mask);
        }
        if (gateway != null) {
            if (!Ipv4.valid(gateway)) {
                problems.reject("gateway", "vm.nic.field.gateway.invalid", gateway);
            } else if (special(gateway)) {
                problems.reject("gateway", "vm.nic.field.gateway.special", gateway);
            } else if (addressed && (!Ipv4.sameSubnet(ip, gateway, mask) || ip.equals(gateway))) {
                problems.reject("gateway", "vm.nic.field.gateway.outside", gateway, ip, mask);
            } else if (addressed && Ipv4.reserved(gateway, mask)) {
                problems.reject("gateway", "vm.nic.field.gateway.reserved", gateway, mask);
            }
        }
        checkDns(problems, dns);
    }

    /**
     * Checks a fixed address that passed {@link #checkFixed} against what is known of its network
     * ({@code facts}, or {@code null} when nothing is): inside the network's subnet, none of its
     * gateway, DNS servers, network or broadcast addresses, not in use by another VM than
     * {@code vmId}; a gateway that is not the subnet's network or broadcast address.
     */
    public static void checkNetwork(FieldProblems.Collector problems, NicNetworks.Facts facts, String vmId,
            String ip, String gateway) {
        if (facts == null || problems.has("ipAddress") || problems.has("subnetMask") || ip == null) {
            return;
        }
        if (!Ipv4.sameSubnet(ip, facts.subnet(), facts.mask())) {
            problems.reject("ipAddress", "vm.nic.field.ipAddress.outsideNetwork", ip, facts.cidr());
        } else if (ip.equals(facts.gateway()) || facts.dnsServers().contains(ip) || ip.equals(facts.subnet())
                || ip.equals(facts.broadcast())) {
            problems.reject("ipAddress", "vm.nic.field.ipAddress.networkReserved", ip, facts.cidr());
        } else if (facts.inUse().containsKey(ip) && !facts.inUse().get(ip).equals(vmId)) {
            problems.reject("ipAddress", "vm.nic.field.ipAddress.inUse", ip);
        }
        if (gateway != null && !problems.has("gateway")
                && (gateway.equals(facts.subnet()) || gateway.equals(facts.broadcast()))) {
            problems.reject("gateway", "vm.nic.field.gateway.reserved", gateway, facts.mask());
        }
    }

    /** Whether {@code ip} is no host's address: {@code 0.x}, loopback, multicast or the reserved 240/4. */
    static boolean special(String ip) {
        long first = Ipv4.toNumber(ip) >>> 24;
        return first == 0 || first == 127 || first >= 224;
    }

    /** Checks the DNS servers alone (field {@code dnsServers}). */
    public static void checkDns(FieldProblems.Collector problems, List<String> dns) {
        if (dns.size() > MAX_DNS) {
            problems.reject("dnsServers", "vm.nic.field.dnsServers.tooMany", MAX_DNS);
            return;
        }
        dns.stream().filter(s -> !Ipv4.valid(s)).findFirst()
                .ifPresent(bad -> problems.reject("dnsServers", "vm.nic.field.dnsServers.invalid", bad));
    }

    /** {@code text} trimmed, or {@code null} when blank. */
    public static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
