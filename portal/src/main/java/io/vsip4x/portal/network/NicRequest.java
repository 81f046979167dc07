package io.vsip4x.portal.network;

import java.util.List;

/**
 * A NIC asked for: its network and, for a fixed address, the address, mask, gateway and DNS
 * servers; with no address the platform assigns one by DHCP. The API's JSON body and the page's form.
 *
 * @param network    the virtual network's id, one of the VM's tenant's networks
 * @param ipAddress  the fixed IPv4 address, or empty for DHCP
 * @param subnetMask the subnet mask of a fixed address
 * @param gateway    the gateway, or empty for none
 * @param dnsServers the DNS servers, empty for none
 */
public record NicRequest(String network, String ipAddress, String subnetMask, String gateway,
        List<String> dnsServers) {

    public NicRequest {
        network = NicAddresses.blankToNull(network);
        ipAddress = NicAddresses.blankToNull(ipAddress);
        subnetMask = NicAddresses.blankToNull(subnetMask);
        gateway = NicAddresses.blankToNull(gateway);
        dnsServers = dnsServers == null ? List.of()
                : dnsServers.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
    }

    /** A request from a form, whose DNS servers are one text. */
    static NicRequest ofForm(String network, String ipAddress, String subnetMask, String gateway, String dns) {
        return new NicRequest(network, ipAddress, subnetMask, gateway, NicAddresses.dnsList(dns));
    }

    /** Whether the platform is to assign the address by DHCP. */
    public boolean dhcp() {
        return ipAddress == null;
    }
}
