package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.SdkResult;
import java.util.Map;
import java.util.Objects;

/**
 * The answer of {@code vmMountImage}.
 *
 * @param result    the result
 * @param cdImageId {@code data.cdImageId}, the drive the image went into, to keep for
 *                  {@code vmUnmountImage} (catalog A25); {@code null} on refusal
 */
public record ImageMount(SdkResult result, String cdImageId) {

    public ImageMount {
        Objects.requireNonNull(result, "result");
    }

    /** Reads the answer. */
    public static ImageMount from(SdkResult result) {
        Object data = result.raw().get("data");
        String id = data instanceof Map<?, ?> map ? SdkMaps.string(SdkMaps.trimKeys(map), "cdImageId") : null;
        return new ImageMount(result, id);
    }

    /** Whether the image is mounted. */
    public boolean ok() {
        return result.ok();
    }

    /** The result code, {@code "0"} for success. */
    public String code() {
        return result.code();
    }
}
