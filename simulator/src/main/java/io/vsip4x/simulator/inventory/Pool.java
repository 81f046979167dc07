package io.vsip4x.simulator.inventory;

import java.util.Objects;

/**
 * A resource pool.
 *
 * @param id                its id ({@code repositoryId})
 * @param name              its display name ({@code repository.name}); distinct from the id
 * @param description       free text
 * @param type              {@code ha}, {@code local} or {@code grid} (grid pools cannot run VMs)
 * @param storageTotalBytes storage capacity, in bytes
 * @param classification    security classification level
 */
public record Pool(String id, String name, String description, String type, long storageTotalBytes,
        long classification) {

    public Pool {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** Whether VMs in this pool are highly available. */
    public boolean ha() {
        return "ha".equals(type);
    }

    /** Whether the pool can run VMs ({@code grid} pools cannot). */
    public boolean schedulable() {
        return !"grid".equals(type);
    }

    /** Whether {@code idOrName} names this pool, by id or by name. */
    public boolean isNamed(String idOrName) {
        return id.equals(idOrName) || name.equals(idOrName);
    }
}
