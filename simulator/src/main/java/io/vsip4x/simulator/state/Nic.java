package io.vsip4x.simulator.state;

/**
 * A virtual NIC of a VM.
 *
 * @param vnicId     its id
 * @param network    the virtual network it binds to ({@code vnicBridge})
 * @param macAddress its MAC address
 * @param ipAddress  its IP address, or empty when none was given or free
 * @param subnetMask its subnet mask
 * @param gateway    its default gateway
 * @param dns        its DNS server
 * @param bandwidth  its bandwidth limit as given ({@code nicRate}), or empty for none
 */
public record Nic(String vnicId, String network, String macAddress, String ipAddress, String subnetMask,
        String gateway, String dns, String bandwidth) {
}
