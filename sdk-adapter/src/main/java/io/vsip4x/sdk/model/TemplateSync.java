package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.SdkResult;
import java.util.Map;

/**
 * The answer of {@code syncVmTemplate}.
 *
 * @param exists    whether the platform has the template ({@code status} 1; 2 means it has not)
 * @param diskBytes the template's disk size from {@code info.diskSize}, or 0 when not given
 * @param result    the whole answer; a refusal is a non-zero {@link SdkResult#code()}
 */
public record TemplateSync(boolean exists, long diskBytes, SdkResult result) {

    /** Reads the answer (keys already trimmed). */
    public static TemplateSync from(SdkResult result) {
        Object info = result.raw().get("info");
        long disk = 0;
        if (info instanceof Map<?, ?> map) {
            disk = SdkMaps.number(SdkMaps.trimKeys(map), 0, "diskSize");
        }
        return new TemplateSync(result.ok() && "1".equals(result.get("status")), disk, result);
    }
}
