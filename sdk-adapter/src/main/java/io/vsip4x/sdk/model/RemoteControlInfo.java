package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.SdkResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer of {@code getRemoteControlInfo} ({@code getRemoteControllInfo}, catalog A01): where
 * and with which password the VM's console is reached. The password is a secret: it is left out
 * of {@link #toString()} and of {@code result().raw()}, and only {@link #password()} gives it.
 *
 * @param hostId          {@code hostId}, the host the VM runs on
 * @param vncIpAddress    {@code vncIpAddress}, the host address to connect the console to
 * @param vncPort         {@code vncPort}; 0 when absent
 * @param tlsPort         {@code tlsPort}, the encrypted port; 0 when absent (an unencrypted VM)
 * @param serverCertParam {@code serverCertParam}, the TLS parameter of the fastrap link
 *                        (catalog A53); empty or {@code null} when unencrypted
 * @param password        {@code fastrappw}, the console password
 * @param smartcard       {@code smartcard} is {@code 1}
 * @param usbNetworkIp    {@code usbNetworkIp}, the USB-over-network address
 * @param usbNetworkPort  {@code usbNetworkPort}; 0 when absent
 * @param result          the answer without {@code fastrappw}; its code is {@code 0} unless the
 *                        platform refused (the spec lists no code, catalog A17)
 */
public record RemoteControlInfo(String hostId, String vncIpAddress, int vncPort, int tlsPort,
        String serverCertParam, String password, boolean smartcard, String usbNetworkIp, int usbNetworkPort,
        SdkResult result) {

    /** The key of the password in the answer. */
    public static final String PASSWORD_KEY = "fastrappw";

    /** Reads the answer (keys already trimmed). */
    public static RemoteControlInfo from(Map<String, Object> m) {
        Map<String, Object> withoutPassword = new LinkedHashMap<>(m);
        withoutPassword.remove(PASSWORD_KEY);
        return new RemoteControlInfo(
                SdkMaps.string(m, "hostId"),
                SdkMaps.string(m, "vncIpAddress"),
                (int) SdkMaps.number(m, 0, "vncPort"),
                (int) SdkMaps.number(m, 0, "tlsPort"),
                SdkMaps.string(m, "serverCertParam"),
                SdkMaps.string(m, PASSWORD_KEY),
                "1".equals(SdkMaps.string(m, "smartcard")),
                SdkMaps.string(m, "usbNetworkIp"),
                (int) SdkMaps.number(m, 0, "usbNetworkPort"),
                SdkResult.of(withoutPassword));
    }

    /** Whether the platform gave the console's address. */
    public boolean ok() {
        return result.ok();
    }

    /** Whether the console has an encrypted (TLS) port. */
    public boolean encrypted() {
        return tlsPort > 0;
    }

    /** Everything but the password. */
    @Override
    public String toString() {
        return "RemoteControlInfo[code=" + result.code() + ", hostId=" + hostId + ", vnc=" + vncIpAddress + ":"
                + vncPort + ", tlsPort=" + tlsPort + ", smartcard=" + smartcard + ", usbNetwork=" + usbNetworkIp
                + ":" + usbNetworkPort + ", password=" + (password == null ? "none" : "[hidden]") + "]";
    }
}
