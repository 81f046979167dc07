package io.vsip4x.sdk.model;

import io.vsip4x.sdk.codes.GuestTasks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A static address for one NIC of a guest, set with the guest-agent task {@code setIPAddr}.
 *
 * @param macAddress the NIC, by its MAC address ({@code vnicMacAddr} of {@code searchVmList})
 * @param ipAddress  the IPv4 address
 * @param netmask    the subnet mask, e.g. {@code 255.255.255.0}
 * @param gateway    the default gateway, or {@code null} for none
 * @param dnsServer  the DNS server (several separated by commas), or {@code null} for none
 */
public record GuestIpSettings(String macAddress, String ipAddress, String netmask, String gateway,
        String dnsServer) {

    public GuestIpSettings {
        Objects.requireNonNull(macAddress, "macAddress");
        Objects.requireNonNull(ipAddress, "ipAddress");
        Objects.requireNonNull(netmask, "netmask");
    }

    /**
     * The task parameters of appendix 1; the DNS server goes as {@code dnserver}, the appendix's
     * spelling (catalog A30). Absent values go as empty strings, as the guest agent takes strings.
     */
    public Map<String, Object> toParams() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("macaddr", macAddress);
        params.put("ipaddr", ipAddress);
        params.put("netmask", netmask);
        params.put("gateway", gateway == null ? "" : gateway);
        params.put(GuestTasks.DNS_KEY, dnsServer == null ? "" : dnsServer);
        return params;
    }
}
