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
     * Reads a link, in either variant.
     *
     * @throws LinkFormatException when it is not a fastrap link of the appendix's form
     */
    public static FastrapLink parse(String link) {
        String[] f = Payloads.decode(SCHEME, link).split("\\|", -1);
        if (f.length != 8 && f.length != 9) {
            throw new LinkFormatException("A fastrap link has 8 or 9 fields, not " + f.length);
        }
        boolean encrypted = f.length == 9;
        int query = f[0].indexOf('?');
        if (query < 0) {
            throw new LinkFormatException("The endpoint has no '?' with the password");
        }
        Payloads.Endpoint endpoint = Payloads.endpoint(f[0].substring(0, query));
        Integer tlsPort = null;
        String password = null;
        for (String pair : f[0].substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            if (name.equals("tls-port")) {
                tlsPort = port(value);
            } else if (name.equals("password")) {
                password = value;
            }
        }
        if (encrypted != (tlsPort != null)) {
            throw new LinkFormatException(encrypted ? "An encrypted link needs a tls-port"
                    : "An unencrypted link has no tls-port");
        }
        int i = encrypted ? 6 : 5;
        return new FastrapLink(endpoint.host(), endpoint.port(), tlsPort, password, f[1], f[2], f[3],
                UsbControl.parse(f[4]), encrypted ? f[5] : null, permission(f[i]), flag(f[i + 1], false),
                flag(f[i + 2], true));
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

    /** A 0/1 flag; empty means the spec's default. */
    private static boolean flag(String value, boolean fallback) {
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
