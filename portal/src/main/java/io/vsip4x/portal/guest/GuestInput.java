package io.vsip4x.portal.guest;

import io.vsip4x.portal.network.NicAddresses;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.sdk.model.VnicSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The input of the guest tasks, checked before the platform is asked, as the platform checks it:
 * a NIC's MAC address, a static address ({@link NicAddresses}), an absolute http(s) URL, a user
 * name and credential, and a file's absolute path (no {@code .} or {@code ..} segment) and size.
 */
public final class GuestInput {

    /** The most a pushed file may hold: 1 MiB of UTF-8. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;
    /** The longest path the portal passes on. */
    static final int MAX_PATH = 1024;

    private static final Pattern LINUX_PATH = Pattern.compile("/[^\\x00-\\x1f]*");
    /** Control, format (bidi) and line or paragraph separator characters: never in a path or user name. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
    private static final Pattern WINDOWS_PATH = Pattern.compile("[A-Za-z]:\\\\[^\\x00-\\x1f/]*");

    private GuestInput() {
    }

    /**
     * A static address for a guest's NIC.
     *
     * @param gateway    the gateway, or {@code null}
     * @param dnsServers the DNS servers, possibly empty
     */
    public record AddressInput(String ipAddress, String subnetMask, String gateway, List<String> dnsServers) {

        public AddressInput {
            ipAddress = NicAddresses.blankToNull(ipAddress);
            subnetMask = NicAddresses.blankToNull(subnetMask);
            gateway = NicAddresses.blankToNull(gateway);
            dnsServers = dnsServers == null ? List.of()
                    : dnsServers.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
        }
    }

    /** The MAC address in the platform's spelling, or a 400 on field {@code macAddress}. */
    static String checkMac(String mac) {
        String normalized = mac == null ? "" : mac.strip().toLowerCase(Locale.ROOT).replace('-', ':');
        if (normalized.isEmpty()) {
            throw FieldProblems.of("macAddress", "vm.guest.field.macAddress.required");
        }
        if (!VnicSpec.validMac(normalized)) {
            throw FieldProblems.of("macAddress", "vm.guest.field.macAddress.invalid", normalized);
        }
        return normalized;
    }

    /** Checks the MAC and a static address; answers the MAC in the platform's spelling. */
    static String checkAddress(String mac, AddressInput input) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        String normalized = null;
        try {
            normalized = checkMac(mac);
        } catch (FieldProblems bad) {
            bad.problems().forEach(p -> problems.reject(p.field(), p.messageKey(), p.args()));
        }
        NicAddresses.checkFixed(problems, input.ipAddress(), input.subnetMask(), input.gateway(),
                input.dnsServers());
        problems.throwIfAny();
        return normalized;
    }

    /** An absolute http or https URL with a host, trimmed, or a 400 on field {@code url}. */
    static String checkUrl(String url) {
        String text = url == null ? "" : url.strip();
        if (text.isEmpty()) {
            throw FieldProblems.of("url", "vm.guest.field.url.required");
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getRawUserInfo() != null) {
                throw FieldProblems.of("url", "vm.guest.field.url.userInfo");
            }
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && text.length() <= 2048) {
                return text;
            }
        } catch (URISyntaxException e) {
            // Falls through to the same answer as any other URL the guest cannot open.
        }
        throw FieldProblems.of("url", "vm.guest.field.url.invalid");
    }

    /**
     * What the operation log keeps of a URL that passed {@link #checkUrl}: {@code scheme://host[:port]/path},
     * without its query and fragment, which may carry tokens.
     */
    static String auditUrl(String url) {
        URI uri = URI.create(url);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
    }

    /** The user name trimmed, or a 400 naming the blank fields; the credential is only checked for blank. */
    static String checkLogin(String username, String credential) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        if (username == null || username.isBlank()) {
            problems.reject("username", "vm.guest.field.username.required");
        } else if (username.strip().length() > 256) {
            problems.reject("username", "vm.guest.field.username.tooLong", 256);
        } else if (INVISIBLE.matcher(username).find()) {
            problems.reject("username", "vm.guest.field.username.control");
        }
        if (credential == null || credential.isEmpty()) {
            problems.reject("credential", "vm.guest.field.credential.required");
        }
        problems.throwIfAny();
        return username.strip();
    }

    /** The path trimmed when it is absolute and the content fits, or a 400 per field. */
    static String checkFile(String path, String content) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        String text = path == null ? "" : path.strip();
        if (text.isEmpty()) {
            problems.reject("path", "vm.guest.field.path.required");
        } else if (INVISIBLE.matcher(path).find()) {
            problems.reject("path", "vm.guest.field.path.control");
        } else if (text.length() > MAX_PATH || !absolute(text)) {
            problems.reject("path", "vm.guest.field.path.notAbsolute");
        } else if (dotSegment(text)) {
            problems.reject("path", "vm.guest.field.path.dots");
        }
        long bytes = content == null ? 0 : content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_FILE_BYTES) {
            problems.reject("content", "vm.guest.field.content.tooLarge", bytes, MAX_FILE_BYTES);
        }
        problems.throwIfAny();
        return text;
    }

    /** Refuses (field {@code path}) a Windows path for another guest, or a Linux path for a Windows guest. */
    static void checkPathStyle(String path, boolean windows) {
        if (windows != WINDOWS_PATH.matcher(path).matches()) {
            throw FieldProblems.of("path", windows ? "vm.guest.field.path.windows" : "vm.guest.field.path.linux");
        }
    }

    /** Whether {@code path} is absolute: {@code /…} (Linux) or {@code C:\…} (Windows). */
    static boolean absolute(String path) {
        return LINUX_PATH.matcher(path).matches() || WINDOWS_PATH.matcher(path).matches();
    }

    private static boolean dotSegment(String path) {
        for (String segment : path.split("[/\\\\]")) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
