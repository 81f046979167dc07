package io.vsip4x.simulator.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handshake's vocabulary: the protocol version and the VNC parameter names guacd 1.5 sends
 * in {@code args}, in its order, and how the values of {@code connect} map to them.
 */
final class GuacdHandshake {

    static final String VERSION = "VERSION_1_5_0";
    static final String PROTOCOL = "vnc";
    static final String HOSTNAME = "hostname";
    static final String PORT = "port";
    static final String READ_ONLY = "read-only";
    static final String PASSWORD = "password";
    static final String DISABLE_COPY = "disable-copy";
    static final String DISABLE_PASTE = "disable-paste";

    /** The VNC parameters, as guacd 1.5 names them. */
    static final List<String> NAMES = List.of(HOSTNAME, PORT, READ_ONLY, "encodings", "username", PASSWORD,
            "swap-red-blue", "color-depth", "cursor", "autoretry", "clipboard-encoding", "dest-host", "dest-port",
            "enable-audio", "audio-servername", "reverse-connect", "listen-timeout", "enable-sftp",
            "recording-path", "recording-name", "recording-exclude-output", "recording-exclude-mouse",
            "recording-include-keys", "create-recording-path", DISABLE_COPY, DISABLE_PASTE, "force-lossless",
            "compress-level", "quality-level");

    private GuacdHandshake() {
    }

    /** The elements of {@code args}: the version, then the parameter names. */
    static String[] args() {
        String[] args = new String[NAMES.size() + 1];
        args[0] = VERSION;
        for (int i = 0; i < NAMES.size(); i++) {
            args[i + 1] = NAMES.get(i);
        }
        return args;
    }

    /**
     * The values of {@code connect} by parameter name: the first value is the version the client
     * chose, the others follow the names; a value the client left out counts as empty.
     */
    static Map<String, String> parameters(List<String> connectArgs) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            int at = i + 1;
            parameters.put(NAMES.get(i), at < connectArgs.size() ? connectArgs.get(at) : "");
        }
        return parameters;
    }
}
