package io.vsip4x.sdk.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A data disk to create with {@code createDataDisk}.
 *
 * @param diskId     its name, which also serves as its id (catalog A34)
 * @param sizeBytes  its size in bytes; the platform wants a positive whole number of GiB
 * @param userName   its owner
 * @param templateId the data-disk template (by name) to make it from, or {@code null} for none
 * @param parentPath where to put it, or {@code null} for the default pool's storage
 */
public record CreateDataDiskSpec(String diskId, long sizeBytes, String userName, String templateId,
        String parentPath) {

    public CreateDataDiskSpec {
        Objects.requireNonNull(diskId, "diskId");
        Objects.requireNonNull(userName, "userName");
    }

    /** An empty disk of {@code sizeBytes} in the default pool. */
    public static CreateDataDiskSpec of(String diskId, long sizeBytes, String userName) {
        return new CreateDataDiskSpec(diskId, sizeBytes, userName, null, null);
    }

    /** The parameter map of {@code createDataDisk}; sizes go as strings, as the spec types them. */
    public Map<String, Object> toParams() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("diskId", diskId);
        params.put("diskSize", String.valueOf(sizeBytes));
        params.put("userName", userName);
        if (templateId != null) {
            params.put("templateId", templateId);
        }
        if (parentPath != null) {
            params.put("parentPath", parentPath);
        }
        return params;
    }
}
