package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import java.util.Map;

/** One installation image (ISO) as {@code searchInstallImages} describes it. */
public record ImageInfo(String id, String name, String type, String bits, String repository) {

    /** Reads one entry of the answer (keys already trimmed). */
    public static ImageInfo from(Map<String, Object> m) {
        return new ImageInfo(
                SdkMaps.string(m, "id"),
                SdkMaps.string(m, "name"),
                SdkMaps.string(m, "type"),
                SdkMaps.string(m, "bits"),
                SdkMaps.string(m, "repository"));
    }
}
