package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One NIC as {@code getVmVnics} describes it (its {@code vnic.*} keys, trimmed; catalog A29).
 *
 * @param id         {@code vnic.id}
 * @param name       {@code vnic.name}
 * @param device     {@code vnic.device}, the host-side device name
 * @param driver     {@code vnic.driver}, e.g. {@code virtio}
 * @param macAddress {@code vnic.macaddr}
 * @param network    {@code vnic.vbridge}, the virtual network (port group)
 * @param ipAddress  {@code vnic.ipaddr}; empty or {@code null} when it has none
 * @param subnetMask {@code vnic.netmask}
 * @param gateway    {@code vnic.gateway}; empty or {@code null} for none
 * @param dnsServers {@code vnic.dnsserver}, split at commas; empty for none
 * @param raw        the whole entry
 */
public record VnicInfo(String id, String name, String device, String driver, String macAddress, String network,
        String ipAddress, String subnetMask, String gateway, List<String> dnsServers, Map<String, Object> raw) {

    /** Reads one entry of the answer (keys already trimmed). */
    public static VnicInfo from(Map<String, Object> m) {
        String dns = SdkMaps.string(m, "vnic.dnsserver");
        List<String> servers = dns == null ? List.of()
                : Arrays.stream(dns.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
        return new VnicInfo(
                SdkMaps.string(m, "vnic.id"),
                SdkMaps.string(m, "vnic.name"),
                SdkMaps.string(m, "vnic.device"),
                SdkMaps.string(m, "vnic.driver"),
                SdkMaps.string(m, "vnic.macaddr"),
                SdkMaps.string(m, "vnic.vbridge"),
                SdkMaps.string(m, "vnic.ipaddr"),
                SdkMaps.string(m, "vnic.netmask"),
                SdkMaps.string(m, "vnic.gateway"),
                servers,
                m);
    }
}
