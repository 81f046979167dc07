package io.vsip4x.sdk.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of {@code buildTemplate}.
 *
 * @param encryption the template's disk encryption format ({@code sm4} or {@code aes}), or
 *                   {@code null} for none
 * @param checksum   whether the platform makes checksum data ({@code chksum})
 */
public record BuildTemplateSpec(String encryption, boolean checksum) {

    /** A plain template: no encryption, no checksum data. */
    public static BuildTemplateSpec plain() {
        return new BuildTemplateSpec(null, false);
    }

    /**
     * The option map in the spec's keys: {@code vmEncrypt} {@code "true"}/{@code "false"},
     * {@code encrypt_fmt} when encrypting, {@code chksum} {@code "true"}/{@code "false"}.
     */
    public Map<String, Object> toParams() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("vmEncrypt", Boolean.toString(encryption != null));
        if (encryption != null) {
            p.put("encrypt_fmt", encryption);
        }
        p.put("chksum", Boolean.toString(checksum));
        return p;
    }
}
