package io.vsip4x.simulator.inventory;

import java.util.Objects;

/**
 * An installation image (ISO) stored in one pool.
 *
 * @param id          its id
 * @param name        its file name
 * @param description free text
 * @param bits        OS bitness
 * @param poolId      the pool holding it ({@code repository})
 * @param type        OS type, e.g. {@code CentOS 7}
 * @param family      OS family, e.g. {@code Linux}
 * @param version     OS version
 * @param fullpath    where it lies on the pool's storage
 */
public record Image(String id, String name, String description, String bits, String poolId, String type,
        String family, String version, String fullpath) {

    public Image {
        Objects.requireNonNull(id, "id");
    }
}
