package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import java.util.Map;

/** One resource pool as {@code searchRepository} describes it. */
public record PoolInfo(
        String repositoryId,
        String name,
        String description,
        String type,
        long totalBytes,
        long freeBytes,
        boolean ha,
        int classification,
        Map<String, Object> raw) {

    /** Reads one entry of the answer (keys already trimmed). */
    public static PoolInfo from(Map<String, Object> m) {
        return new PoolInfo(
                SdkMaps.string(m, "repositoryId", "repository.id", "repoId", "repold"),
                SdkMaps.string(m, "repository.name"),
                SdkMaps.string(m, "repository.description"),
                SdkMaps.string(m, "repository.type"),
                SdkMaps.number(m, 0, "repository.total"),
                SdkMaps.number(m, 0, "repository.free"),
                "true".equalsIgnoreCase(SdkMaps.string(m, "repository.ha")),
                (int) SdkMaps.number(m, 0, "repository.classification"),
                m);
    }
}
