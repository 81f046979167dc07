package io.vsip4x.sdk.model;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A NIC for {@code addVmNetwork}, or the new settings of the NIC with MAC {@code macAddress} for
 * {@code setVmNetwork}. Checked as the platform checks it, so that a caller learns of a mistake
 * before the call: a unicast MAC, a network, and for a fixed address a valid IPv4 address, a
 * mask of 1 to 30 bits, an address that is neither the subnet's network nor its broadcast
 * address, a gateway inside the subnet, and DNS servers that are IPv4 addresses. With no
 * address the platform assigns one by DHCP from the network's range, with its mask and gateway.
 *
 * @param macAddress {@code macaddr}, lower case; identifies the NIC for {@code setVmNetwork}
 * @param network    {@code vbridge}, the id of a virtual network open to the VM's pool
 * @param ipAddress  {@code ipaddr}, or {@code null} for DHCP
 * @param subnetMask {@code netmask}, or {@code null} for the network's
 * @param gateway    {@code gateway}, or {@code null} for none (the network's under DHCP)
 * @param dnsServers {@code dnsserver}: the DNS servers, empty for none (the network's under DHCP)
 */
public record VnicSpec(String macAddress, String network, String ipAddress, String subnetMask, String gateway,
        List<String> dnsServers) {

    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** @throws IllegalArgumentException when a value breaks the rules above */
    public VnicSpec {
        Objects.requireNonNull(macAddress, "macAddress");
        Objects.requireNonNull(network, "network");
        macAddress = macAddress.trim().toLowerCase().replace('-', ':');
        ipAddress = blankToNull(ipAddress);
        subnetMask = blankToNull(subnetMask);
        gateway = blankToNull(gateway);
        dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
        requireUnicastMac(macAddress);
        if (network.isBlank()) {
            throw new IllegalArgumentException("A NIC needs a network");
        }
        requireAddresses(ipAddress, subnetMask, gateway, dnsServers);
    }

    /** A NIC with a new random MAC on {@code network}, addressed by DHCP. */
    public static VnicSpec dhcp(String network) {
        return new VnicSpec(randomMac(), network, null, null, null, List.of());
    }

    /** A NIC with a new random MAC on {@code network} with a fixed address; {@code gateway} may be null. */
    public static VnicSpec fixed(String network, String ipAddress, String subnetMask, String gateway,
            String... dnsServers) {
        return new VnicSpec(randomMac(), network, ipAddress, subnetMask, gateway, Arrays.asList(dnsServers));
    }

    /** A copy with MAC {@code newMac}, e.g. to address an existing NIC in {@code setVmNetwork}. */
    public VnicSpec withMac(String newMac) {
        return new VnicSpec(newMac, network, ipAddress, subnetMask, gateway, dnsServers);
    }

    /** Whether the platform is to assign the address by DHCP. */
    public boolean dhcp() {
        return ipAddress == null;
    }

    /** A locally administered KVM MAC address ({@code 52:54:00:xx:xx:xx}). */
    public static String randomMac() {
        return String.format("52:54:00:%02x:%02x:%02x", RANDOM.nextInt(256), RANDOM.nextInt(256),
                RANDOM.nextInt(256));
    }

    /**
     * The parameter map of {@code addVmNetwork} and {@code setVmNetwork}, in their spelling
     * (catalog A29): {@code macaddr}, {@code vbridge}, {@code ipaddr} (empty for DHCP),
     * {@code netmask}, {@code gateway}, {@code dnsserver} (servers joined by commas).
     */
    public Map<String, Object> toParams() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("macaddr", macAddress);
        params.put("vbridge", network);
        params.put("ipaddr", ipAddress == null ? "" : ipAddress);
        params.put("netmask", subnetMask == null ? "" : subnetMask);
        params.put("gateway", gateway == null ? "" : gateway);
        params.put("dnsserver", String.join(",", dnsServers));
        return params;
    }

    /** Whether {@code mac} is six colon-separated lower-case hex octets of a unicast address. */
    public static boolean validMac(String mac) {
        return mac != null && MAC.matcher(mac).matches() && (Integer.parseInt(mac.substring(0, 2), 16) & 1) == 0
                && !"00:00:00:00:00:00".equals(mac);
    }

    private static void requireUnicastMac(String mac) {
        if (!validMac(mac)) {
            throw new IllegalArgumentException("Not a unicast MAC address: '" + mac + "'");
        }
    }

    private static void requireAddresses(String ip, String mask, String gateway, List<String> dns) {
        for (String server : dns) {
            if (!Ipv4.valid(server)) {
                throw new IllegalArgumentException("Not an IPv4 DNS server: '" + server + "'");
            }
        }
        if (mask != null && !Ipv4.validMask(mask)) {
            throw new IllegalArgumentException("Not a subnet mask: '" + mask + "'");
        }
        if (gateway != null && !Ipv4.valid(gateway)) {
            throw new IllegalArgumentException("Not an IPv4 gateway: '" + gateway + "'");
        }
        if (ip == null) {
            return;
        }
        if (!Ipv4.valid(ip)) {
            throw new IllegalArgumentException("Not an IPv4 address: '" + ip + "'");
        }
        if (mask != null && Ipv4.reserved(ip, mask)) {
            throw new IllegalArgumentException(ip + " is the network or broadcast address of its subnet");
        }
        if (mask != null && gateway != null && (!Ipv4.sameSubnet(ip, gateway, mask) || ip.equals(gateway))) {
            throw new IllegalArgumentException("Gateway " + gateway + " is not another address of " + ip + "/" + mask);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
