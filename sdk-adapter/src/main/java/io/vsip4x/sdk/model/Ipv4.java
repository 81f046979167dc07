package io.vsip4x.sdk.model;

import java.util.regex.Pattern;

/**
 * Dotted-quad IPv4 addresses and masks, as the NIC keys of the spec carry them ({@code ipaddr},
 * {@code netmask}, {@code gateway}, {@code dnsserver}).
 */
public final class Ipv4 {

    private static final Pattern DOTTED = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private Ipv4() {
    }

    /** Whether {@code text} is a dotted-quad address with every octet from 0 to 255. */
    public static boolean valid(String text) {
        if (text == null || !DOTTED.matcher(text).matches()) {
            return false;
        }
        for (String octet : text.split("\\.")) {
            // A leading zero would let one address be written two ways ("10.0.0.050", "10.0.0.50").
            if (Integer.parseInt(octet) > 255 || octet.length() > 1 && octet.startsWith("0")) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code text} as an unsigned 32-bit number.
     *
     * @throws IllegalArgumentException when it is not a valid address
     */
    public static long toNumber(String text) {
        if (!valid(text)) {
            throw new IllegalArgumentException("Not an IPv4 address: '" + text + "'");
        }
        long value = 0;
        for (String octet : text.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }

    /** Whether {@code text} is a subnet mask of 1 to 30 leading one bits, usable for hosts. */
    public static boolean validMask(String text) {
        if (!valid(text)) {
            return false;
        }
        long mask = toNumber(text);
        long inverted = ~mask & 0xFFFFFFFFL;
        boolean contiguous = (inverted & (inverted + 1)) == 0;
        return contiguous && Long.bitCount(mask) >= 1 && Long.bitCount(mask) <= 30;
    }

    /** Whether valid addresses {@code a} and {@code b} lie in the same subnet under valid {@code mask}. */
    public static boolean sameSubnet(String a, String b, String mask) {
        long m = toNumber(mask);
        return (toNumber(a) & m) == (toNumber(b) & m);
    }

    /** Whether valid {@code address} is the network or broadcast address of its subnet under {@code mask}. */
    public static boolean reserved(String address, String mask) {
        long host = toNumber(address) & ~toNumber(mask) & 0xFFFFFFFFL;
        return host == 0 || host == (~toNumber(mask) & 0xFFFFFFFFL);
    }
}
