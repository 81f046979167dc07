package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import java.util.Map;

/**
 * One entry of the list of the guest-agent task {@code getVMSoft}.
 *
 * @param name    {@code softname}
 * @param version {@code softversion}
 * @param raw     the whole entry
 */
public record GuestSoftware(String name, String version, Map<String, Object> raw) {

    /** Reads one entry (keys already trimmed). */
    public static GuestSoftware from(Map<String, Object> m) {
        return new GuestSoftware(SdkMaps.string(m, "softname"), SdkMaps.string(m, "softversion"), m);
    }
}
