package io.vsip4x.sdk.links;

import java.util.Objects;

/**
 * A {@code fastrap://} link for the native console client (appendix 2): for an encrypted VM
 * nine fields, {@code host:port?tls-port=…&password=…|lease|vm|user|usb|tls-auth|usb-perm|
 * smartcard|user-control}; for an unencrypted one eight, without the TLS port and parameter.
 * The password travels only Base64-encoded: treat the link itself as a secret.
 *
 * @param tlsPort        the encrypted port, or {@code null} for an unencrypted VM
 * @param tlsAuthParam   the remote viewer's certificate option, e.g.
 *                       {@code --spice-host-subject="O=…, CN=…"}; {@code null} when unencrypted
 * @param readWrite      USB permission: read-write ({@code 11}) or read-only ({@code 01})
 * @param smartcard      smart-card redirection ({@code 1}/{@code 0})
 * @param userControl    whether the user may control the desktop, or only view it
 */
public record FastrapLink(
        String host,
        int port,
        Integer tlsPort,
        String password,
        String leaseUrl,
        String vmName,
        String userName,
        UsbControl usb,
        String tlsAuthParam,
        boolean readWrite,
        boolean smartcard,
        boolean userControl) {

    /** The scheme, as links are written. */
    public static final String SCHEME = "fastrap://";

    public FastrapLink {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(usb, "usb");
        if ((tlsPort == null) != (tlsAuthParam == null)) {
            throw new LinkFormatException("An encrypted link has both a TLS port and a TLS parameter");
        }
        Payloads.requirePort("port", port);
        if (tlsPort != null) {
            Payloads.requirePort("tls-port", tlsPort);
        }
    }

    /** Whether the console connection is encrypted. */
    public boolean encrypted() {
        return tlsPort != null;
    }

    /** The link: the scheme and the Base64 of the payload. */
    public String encode() {
        StringBuilder endpoint = new StringBuilder(Payloads.field("host", host)).append(':').append(port).append('?');
        if (encrypted()) {
            endpoint.append("tls-port=").append(tlsPort).append('&');
        }
        endpoint.append("password=").append(Payloads.field("password", password));
        StringBuilder payload = new StringBuilder(endpoint)
                .append('|').append(Payloads.field("lease URL", leaseUrl))
                .append('|').append(Payloads.field("VM name", vmName))
                .append('|').append(Payloads.field("user name", userName))
                .append('|').append(usb.encode());
        if (encrypted()) {
            payload.append('|').append(Payloads.field("TLS parameter", tlsAuthParam));
        }
        payload.append('|').append(readWrite ? "11" : "01")
                .append('|').append(smartcard ? '1' : '0')
                .append('|').append(userControl ? '1' : '0');
        return Payloads.encode(SCHEME, payload.toString());
    }

    /**
     * Reads a link, in either variant. The variant is told by the {@code tls-port} in the first
     * field, not by the number of fields: the smart-card and user-control fields may be left out
     * (they then have the spec's defaults, off and on). The password is the rest of the first
     * field after {@code password=}, so an {@code &} or {@code =} in it survives.
     *
     * @throws LinkFormatException when it is not a fastrap link of the appendix's form
     */
    public static FastrapLink parse(String link) {
        String[] f = Payloads.decode(SCHEME, link).split("\\|", -1);
        int query = f[0].indexOf('?');
        if (query < 0) {
            throw new LinkFormatException("The endpoint has no '?' with the password");
        }
        Payloads.Endpoint endpoint = Payloads.endpoint(f[0].substring(0, query));
        String rest = f[0].substring(query + 1).strip();
        Integer tlsPort = null;
        if (rest.startsWith("tls-port=")) {
            int amp = rest.indexOf('&');
            tlsPort = port(amp < 0 ? rest.substring(9) : rest.substring(9, amp));
            rest = amp < 0 ? "" : rest.substring(amp + 1).strip();
        }
        if (!rest.startsWith("password=")) {
            throw new LinkFormatException("The endpoint's query ends in password=");
        }
        String password = rest.substring("password=".length());
        boolean encrypted = tlsPort != null;
        int permission = encrypted ? 6 : 5;
        if (f.length < permission + 1 || f.length > permission + 3) {
            throw new LinkFormatException("A" + (encrypted ? "n encrypted" : "n unencrypted") + " fastrap link has "
                    + (permission + 1) + " to " + (permission + 3) + " fields, not " + f.length);
        }
        return new FastrapLink(endpoint.host(), endpoint.port(), tlsPort, password, f[1], f[2], f[3],
                UsbControl.parse(f[4]), encrypted ? f[5] : null, permission(f[permission]),
                flag(f, permission + 1, false), flag(f, permission + 2, true));
    }

    private static int port(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new LinkFormatException("The tls-port '" + value + "' is not a number");
        }
    }

    private static boolean permission(String value) {
        return switch (value) {
            case "11" -> true;
            case "01" -> false;
            default -> throw new LinkFormatException("The USB permission is 11 or 01, not '" + value + "'");
        };
    }

    /** A 0/1 flag; left out or empty means the spec's default. */
    private static boolean flag(String[] fields, int index, boolean fallback) {
        String value = index < fields.length ? fields[index] : "";
        return switch (value) {
            case "1" -> true;
            case "0" -> false;
            case "" -> fallback;
            default -> throw new LinkFormatException("A flag is 0 or 1, not '" + value + "'");
        };
    }

    @Override
    public String toString() {
        return "FastrapLink[" + host + ":" + port + ", vm=" + vmName + ", user=" + userName + "]";
    }
}
