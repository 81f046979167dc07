package io.vsip4x.simulator.methods;

import io.vsip4x.sdk.model.Ipv4;
import io.vsip4x.sdk.model.VnicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The NIC map of {@code addVmNetwork} and {@code setVmNetwork}, read and checked. Each key is
 * read in the method's own spelling first, then in the spellings other methods give the same
 * field (catalog A29): {@code macAddress}/{@code vnicMacAddr}, {@code vnicBridge},
 * {@code IPAddress}, {@code subnetMask}, {@code Gateways} (a string or a list of one),
 * {@code dnsAddress}/{@code dnserver}, and {@code nicRate}/{@code bandWidth} for a bandwidth limit
 * the spec gives these two methods no key for. Breaking a rule answers 2003.
 *
 * @param macAddress the MAC address, lower case
 * @param network    the network id ({@code vbridge})
 * @param ipAddress  the fixed address, or {@code null} for DHCP
 * @param subnetMask the mask, or {@code null}
 * @param gateway    the gateway, or {@code null}
 * @param dns        the DNS servers joined by commas, or {@code null}
 * @param bandwidth  the bandwidth limit in MB, or {@code null} for none
 */
record NicInput(String macAddress, String network, String ipAddress, String subnetMask, String gateway,
        String dns, String bandwidth) {

    /** Reads {@code map}, checking what does not depend on the network. */
    static NicInput read(Map<String, Object> map) {
        Params p = new Params(map);
        String mac = p.text("macaddr", "macAddress", "vnicMacAddr", "vnic.macaddr");
        String network = p.text("vbridge", "vnicBridge", "vnic.vbridge");
        if (mac == null || network == null) {
            throw new InvalidParamsException("macaddr and vbridge are required");
        }
        mac = mac.toLowerCase().replace('-', ':');
        if (!VnicSpec.validMac(mac)) {
            throw new InvalidParamsException("'" + mac + "' is not a unicast MAC address");
        }
        NicInput input = new NicInput(mac, network, address(p, "ipaddr", "IPAddress", "vnic.ipaddr"),
                address(p, "netmask", "subnetMask", "vnic.netmask"), gateway(p), dns(p), bandwidth(p));
        if (input.subnetMask != null && !Ipv4.validMask(input.subnetMask)) {
            throw new InvalidParamsException("'" + input.subnetMask + "' is not a subnet mask");
        }
        return input;
    }

    /** Whether the address is to come from the network's range. */
    boolean dhcp() {
        return ipAddress == null;
    }

    /**
     * Checks a fixed address against the mask it will have: inside the network's subnet
     * ({@code networkAddress} under {@code networkMask}), not the network or broadcast address,
     * and a gateway inside the same subnet other than the address itself.
     */
    void checkFixed(String mask, String networkAddress, String networkMask) {
        if (!Ipv4.sameSubnet(ipAddress, networkAddress, networkMask)) {
            throw new InvalidParamsException(ipAddress + " is outside network '" + network + "'");
        }
        if (Ipv4.reserved(ipAddress, mask)) {
            throw new InvalidParamsException(ipAddress + " is the network or broadcast address of its subnet");
        }
        if (gateway != null && (!Ipv4.sameSubnet(ipAddress, gateway, mask) || gateway.equals(ipAddress))) {
            throw new InvalidParamsException("Gateway " + gateway + " is outside " + ipAddress + "/" + mask);
        }
    }

    private static String address(Params p, String... keys) {
        String value = p.text(keys);
        if (value != null && !Ipv4.valid(value)) {
            throw new InvalidParamsException(keys[0] + " '" + value + "' is not an IPv4 address");
        }
        return value;
    }

    private static String gateway(Params p) {
        Object raw = p.raw("gateway", "Gateways", "vnic.gateway");
        if (raw instanceof List<?> list) {
            if (list.size() > 1) {
                throw new InvalidParamsException("A NIC has one gateway");
            }
            Map<String, Object> single = list.isEmpty() ? Map.of() : Map.of("gateway", String.valueOf(list.get(0)));
            return address(new Params(single), "gateway");
        }
        return address(p, "gateway", "Gateways", "vnic.gateway");
    }

    private static String dns(Params p) {
        String text = p.text("dnsserver", "dnsAddress", "dnserver", "vnic.dnsserver");
        if (text == null) {
            return null;
        }
        List<String> servers = new ArrayList<>();
        for (String server : text.split("[,;\\s]+")) {
            if (!Ipv4.valid(server)) {
                throw new InvalidParamsException("DNS server '" + server + "' is not an IPv4 address");
            }
            servers.add(server);
        }
        return String.join(",", servers);
    }

    private static String bandwidth(Params p) {
        String text = p.text("nicRate", "bandWidth");
        if (text != null && !text.matches("[1-9]\\d{0,6}")) {
            throw new InvalidParamsException("Bandwidth '" + text + "' is not a positive whole number of MB");
        }
        return text;
    }
}
