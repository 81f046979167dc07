package io.vsip4x.sdk.links;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** The Base64 and field handling the two link kinds share. */
final class Payloads {

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Payloads() {
    }

    /** {@code scheme} + standard Base64 with padding of the UTF-8 of {@code payload}. */
    static String encode(String scheme, String payload) {
        return scheme + Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The payload of {@code link}. Accepts what the spec's own examples need: spaces anywhere
     * (it prints {@code fastrap: //}), the URL-safe alphabet, and missing or superfluous padding.
     *
     * @throws LinkFormatException when the scheme is not {@code scheme} or the rest is not Base64
     */
    static String decode(String scheme, String link) {
        if (link == null) {
            throw new LinkFormatException("No link");
        }
        String compact = SPACES.matcher(link).replaceAll("");
        if (!compact.regionMatches(true, 0, scheme, 0, scheme.length())) {
            throw new LinkFormatException("The link does not start with " + scheme);
        }
        String data = compact.substring(scheme.length()).replace('-', '+').replace('_', '/');
        data = data.replaceAll("=+$", "");
        try {
            byte[] bytes = Base64.getDecoder().decode(data + "=".repeat((4 - data.length() % 4) % 4));
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new LinkFormatException("The link's payload is not Base64");
        }
    }

    /** Refuses a value that would break the payload's fields apart. */
    static String field(String name, String value) {
        if (value == null) {
            return "";
        }
        if (value.contains("|")) {
            throw new LinkFormatException("The " + name + " must not contain '|'");
        }
        return value;
    }

    /** Refuses a port outside 1 to 65535. */
    static void requirePort(String name, int port) {
        if (port < 1 || port > 65_535) {
            throw new LinkFormatException("The " + name + " " + port + " is out of range");
        }
    }

    /** Splits a {@code host:port} endpoint. */
    static Endpoint endpoint(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new LinkFormatException("The endpoint '" + text + "' is not host:port");
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1).trim());
            requirePort("port", port);
            return new Endpoint(text.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new LinkFormatException("The endpoint '" + text + "' has no numeric port");
        }
    }

    record Endpoint(String host, int port) {
    }
}
