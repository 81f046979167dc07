package io.vsip4x.simulator.lifecycle;

/**
 * One NIC asked for in {@code createVm}'s {@code vmNics}; optional values are {@code null}.
 *
 * @param network    the virtual network id ({@code vnicBridge}); required
 * @param ipAddress  {@code IPAddress}, or {@code null} to take the next free one
 * @param subnetMask {@code subnetMask}, or {@code null} for the network's
 * @param gateway    {@code Gateways}, or {@code null} for the network's
 * @param dns        {@code dnsAddress}, or {@code null} for the network's
 * @param macAddress {@code macAddress}, or {@code null} to generate one
 * @param rate       {@code nicRate}, or {@code null} for no limit
 */
public record NicRequest(String network, String ipAddress, String subnetMask, String gateway, String dns,
        String macAddress, String rate) {
}
