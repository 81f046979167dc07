package io.vsip4x.sdk.links;

import java.util.Objects;

/**
 * An {@code rdp://} link for the native console client (appendix 2):
 * {@code host:port|lease|vm|user|}. The spec's template ends in one {@code |}, its example in two
 * (an extra empty field); links are written as the template says and read with either.
 */
public record RdpLink(String host, int port, String leaseUrl, String vmName, String userName) {

    /** The scheme, as links are written. */
    public static final String SCHEME = "rdp://";

    public RdpLink {
        Objects.requireNonNull(host, "host");
        Payloads.requirePort("port", port);
    }

    /** The link: the scheme and the Base64 of the payload. */
    public String encode() {
        return Payloads.encode(SCHEME, Payloads.field("host", host) + ":" + port
                + "|" + Payloads.field("lease URL", leaseUrl)
                + "|" + Payloads.field("VM name", vmName)
                + "|" + Payloads.field("user name", userName) + "|");
    }

    /**
     * Reads a link, with one trailing {@code |} (the template) or two (the spec's example).
     *
     * @throws LinkFormatException when it is not an RDP link of the appendix's form
     */
    public static RdpLink parse(String link) {
        String[] f = Payloads.decode(SCHEME, link).split("\\|", -1);
        boolean trailing = f.length >= 5 && f.length <= 6 && f[4].isEmpty()
                && (f.length == 5 || f[5].isEmpty());
        if (!trailing) {
            throw new LinkFormatException("An RDP link has four fields and a trailing '|'");
        }
        Payloads.Endpoint endpoint = Payloads.endpoint(f[0]);
        return new RdpLink(endpoint.host(), endpoint.port(), f[1], f[2], f[3]);
    }
}
