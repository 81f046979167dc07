package io.vsip4x.portal.platform;

import tools.jackson.databind.json.JsonMapper;

/**
 * The arguments of a single-VM operation beside the VM itself.
 *
 * @param hostId      the target host of {@code migrateVm} and {@code moveVm}, else {@code null}
 * @param repoId      the target pool of {@code moveVm}, else {@code null}
 * @param secureErase whether {@code deleteVm} wipes the VM's disks first
 */
public record VmOperationPayload(String hostId, String repoId, boolean secureErase) {

    /** No arguments. */
    public static final VmOperationPayload NONE = new VmOperationPayload(null, null, false);

    /** A migration to {@code hostId}. */
    public static VmOperationPayload migrate(String hostId) {
        return new VmOperationPayload(hostId, null, false);
    }

    /** A move to {@code hostId} of pool {@code repoId}. */
    public static VmOperationPayload move(String hostId, String repoId) {
        return new VmOperationPayload(hostId, repoId, false);
    }

    /** The arguments of operation {@code op}, {@link #NONE} when it has none. */
    static VmOperationPayload of(Operation op, JsonMapper json) {
        return op.payload() == null ? NONE : json.readValue(op.payload(), VmOperationPayload.class);
    }

    /** A deletion, with or without wiping the disks. */
    public static VmOperationPayload delete(boolean secureErase) {
        return new VmOperationPayload(null, null, secureErase);
    }
}
