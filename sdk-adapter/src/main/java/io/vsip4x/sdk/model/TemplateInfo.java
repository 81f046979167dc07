package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import java.util.Map;

/** One template as {@code searchTemplateList} describes it. */
public record TemplateInfo(
        String templateId,
        String osType,
        String osFamily,
        String osBits,
        int cpu,
        long memoryBytes,
        long diskBytes,
        int classification,
        Map<String, Object> raw) {

    /** Reads one entry of the answer (keys already trimmed). */
    public static TemplateInfo from(Map<String, Object> m) {
        return new TemplateInfo(
                SdkMaps.string(m, "templateId"),
                SdkMaps.string(m, "osType"),
                SdkMaps.string(m, "osFamily"),
                SdkMaps.string(m, "osBits"),
                (int) SdkMaps.number(m, 0, "cpuNum"),
                SdkMaps.number(m, 0, "memSize"),
                SdkMaps.number(m, 0, "diskSize"),
                (int) SdkMaps.number(m, 0, "vm.classification"),
                m);
    }
}
