package io.vsip4x.portal.vms;

import java.util.Arrays;
import java.util.Optional;

/**
 * The orders the VM list offers, as the {@code sort} parameter names them. Every order ends
 * with the VM id, so that paging is stable when values repeat.
 */
public enum VmSort {
    NAME("name", "v.name ASC, v.vm_id ASC"),
    NAME_DESC("-name", "v.name DESC, v.vm_id DESC"),
    STATUS("status", "v.status ASC, v.name ASC, v.vm_id ASC"),
    CREATED("created", "v.created_at ASC, v.vm_id ASC"),
    CREATED_DESC("-created", "v.created_at DESC, v.vm_id DESC"),
    HOST("host", "v.host_id ASC, v.name ASC, v.vm_id ASC"),
    OWNER("owner", "u.username ASC, v.name ASC, v.vm_id ASC");

    /** The order when none is asked for: newest first. */
    public static final VmSort DEFAULT = CREATED_DESC;

    private final String param;
    private final String orderBy;

    VmSort(String param, String orderBy) {
        this.param = param;
        this.orderBy = orderBy;
    }

    /** The value of the {@code sort} parameter. */
    public String param() {
        return param;
    }

    /** The SQL {@code ORDER BY} list (only this fixed text ever reaches the SQL). */
    String orderBy() {
        return orderBy;
    }

    /** The order a parameter value names, if any. */
    public static Optional<VmSort> of(String param) {
        return Arrays.stream(values()).filter(s -> s.param.equals(param)).findFirst();
    }

    /** Every parameter value, comma-separated, for messages. */
    public static String params() {
        return String.join(", ", Arrays.stream(values()).map(VmSort::param).toList());
    }
}
