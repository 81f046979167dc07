package io.vsip4x.portal.network;

import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.sdk.model.DeviceList;
import io.vsip4x.sdk.model.Ipv4;
import io.vsip4x.sdk.model.VnicInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the portal can know of a virtual network's addressing: the platform's network list names
 * networks only ({@code getVirtualNetwork}), so the subnet, gateway and DNS servers are learned
 * from the NICs the platform reports on it ({@code getVmVnics} of the VMs the portal placed on it,
 * the most common gateway, mask and DNS servers winning), and the addresses in use from those
 * NICs and the portal's own records of the VMs' addresses. A network no NIC reveals has no facts.
 */
@Component
public class NicNetworks {

    /** How many VMs of a network are read to learn it. */
    static final int SAMPLE = 20;

    private static final Logger log = LoggerFactory.getLogger(NicNetworks.class);

    private final PlatformClient platform;
    private final JdbcClient jdbc;

    NicNetworks(PlatformClient platform, JdbcClient jdbc) {
        this.platform = platform;
        this.jdbc = jdbc;
    }

    /**
     * A network's addressing as learned.
     *
     * @param subnet     its network address, e.g. {@code 10.10.0.0}
     * @param mask       its mask
     * @param gateway    its gateway, or {@code null} when its NICs name none
     * @param dnsServers its DNS servers
     * @param inUse      the addresses on it, each with the id of the VM holding it
     */
    public record Facts(String subnet, String mask, String gateway, List<String> dnsServers,
            Map<String, String> inUse) {

        /** The subnet as {@code 10.10.0.0/24}. */
        public String cidr() {
            return subnet + "/" + Long.bitCount(Ipv4.toNumber(mask));
        }

        /** The broadcast address of the subnet. */
        public String broadcast() {
            long m = Ipv4.toNumber(mask);
            return dotted((Ipv4.toNumber(subnet) & m) | (~m & 0xFFFFFFFFL));
        }
    }

    /**
     * The facts of network {@code networkId}, learned also from the NICs of VM {@code vmId} (the one
     * being changed), or {@code null} when none of its NICs can be read.
     */
    public Facts of(String networkId, String vmId) {
        List<String> vmIds = new ArrayList<>(List.of(vmId));
        vmIds.addAll(jdbc.sql("""
                SELECT vm_id FROM vm WHERE network = :network AND status IS NOT NULL
                 ORDER BY updated_at DESC LIMIT :limit""")
                .param("network", networkId).param("limit", SAMPLE).query(String.class).list());
        List<VnicInfo> seen = new ArrayList<>();
        Map<String, String> inUse = new LinkedHashMap<>();
        for (String id : vmIds.stream().distinct().toList()) {
            try {
                DeviceList<VnicInfo> nics = platform.call(c -> c.getVmVnics(id));
                nics.devices().stream().filter(n -> networkId.equals(n.network())).forEach(n -> {
                    seen.add(n);
                    if (n.ipAddress() != null && !n.ipAddress().isBlank()) {
                        inUse.put(n.ipAddress().strip(), id);
                    }
                });
            } catch (RuntimeException e) {
                log.info("Could not read the NICs of VM '{}' to learn network '{}'", id, networkId);
            }
        }
        List<VnicInfo> usable = seen.stream().filter(n -> Ipv4.valid(n.ipAddress()) && Ipv4.validMask(n.subnetMask()))
                .toList();
        if (usable.isEmpty()) {
            return null;
        }
        VnicInfo typical = mostCommon(usable, n -> n.subnetMask() + "|" + Objects.toString(n.gateway(), "")
                + "|" + String.join(",", n.dnsServers()));
        String mask = typical.subnetMask();
        String subnet = dotted(Ipv4.toNumber(typical.ipAddress()) & Ipv4.toNumber(mask));
        jdbc.sql("SELECT vm_id, ip_addresses FROM vm WHERE network = :network AND ip_addresses IS NOT NULL")
                .param("network", networkId).query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(row -> NicAddresses.dnsList(row.getValue()).stream()
                        .filter(ip -> Ipv4.valid(ip) && Ipv4.sameSubnet(ip, subnet, mask))
                        .forEach(ip -> inUse.putIfAbsent(ip, row.getKey())));
        String gateway = NicAddresses.blankToNull(typical.gateway());
        return new Facts(subnet, mask, Ipv4.valid(gateway) ? gateway : null,
                typical.dnsServers().stream().filter(Ipv4::valid).toList(), inUse);
    }

    private static <T> T mostCommon(List<T> items, Function<T, String> key) {
        Map<String, Long> counts = new HashMap<>(items.stream().collect(Collectors.groupingBy(key,
                Collectors.counting())));
        return items.stream().max(Comparator.comparingLong(i -> counts.get(key.apply(i)))).orElseThrow();
    }

    private static String dotted(long n) {
        return ((n >> 24) & 255) + "." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    }
}
