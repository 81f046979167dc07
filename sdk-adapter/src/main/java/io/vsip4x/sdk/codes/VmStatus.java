package io.vsip4x.sdk.codes;

import java.util.Arrays;
import java.util.Optional;

/** The spec's VM status codes (there is no 10). */
public enum VmStatus {
    STOPPED(0, false),
    RUNNING(1, false),
    RECONFIGURING(2, true),
    PERSONALIZING(3, true),
    PAUSED(4, false),
    CLONING(5, true),
    CREATING(6, true),
    MIGRATING(7, true),
    BACKING_UP(8, true),
    RESTORING(9, true),
    DEEP_DELETING(11, true),
    ONLINE_BACKUP(12, true);

    private final int code;
    private final boolean transitional;

    VmStatus(int code, boolean transitional) {
        this.code = code;
        this.transitional = transitional;
    }

    /** The numeric code as the platform sends it. */
    public int code() {
        return code;
    }

    /** Whether the VM is in the middle of an operation. */
    public boolean transitional() {
        return transitional;
    }

    /** The status of a numeric code, if the spec defines it. */
    public static Optional<VmStatus> of(int code) {
        return Arrays.stream(values()).filter(s -> s.code == code).findFirst();
    }

    /** The status of a code as text ({@code "1"}), if it is a number the spec defines. */
    public static Optional<VmStatus> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        try {
            return of(Integer.parseInt(code.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
