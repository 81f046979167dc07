package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import java.util.Map;

/**
 * One installation image (ISO) as {@code searchInstallImages} describes it.
 *
 * @param type    the OS type, e.g. {@code CentOS 7}
 * @param family  the OS family, e.g. {@code Linux}; {@code null} when not given
 * @param version the OS version; {@code null} when not given
 * @param path    where the platform keeps the file ({@code fullpath}); {@code null} when not given
 */
public record ImageInfo(String id, String name, String type, String bits, String repository, String family,
        String version, String path) {

    /** An image described by its id, name, type, bits and pool alone. */
    public ImageInfo(String id, String name, String type, String bits, String repository) {
        this(id, name, type, bits, repository, null, null, null);
    }

    /** Reads one entry of the answer (keys already trimmed). */
    public static ImageInfo from(Map<String, Object> m) {
        return new ImageInfo(
                SdkMaps.string(m, "id"),
                SdkMaps.string(m, "name"),
                SdkMaps.string(m, "type"),
                SdkMaps.string(m, "bits"),
                SdkMaps.string(m, "repository"),
                SdkMaps.string(m, "family"),
                SdkMaps.string(m, "version"),
                SdkMaps.string(m, "fullpath"));
    }
}
