package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkResult;
import java.util.List;
import java.util.Objects;

/**
 * The answer of a method listing a VM's devices ({@code getVmVdisks}, {@code getVmVnics}): the
 * result, and the devices when it is success.
 *
 * @param result  the result; a refusal such as 2004 (unknown VM) comes with no devices
 * @param devices the devices in the platform's order; empty on refusal
 * @param <T>     the device type
 */
public record DeviceList<T>(SdkResult result, List<T> devices) {

    public DeviceList {
        Objects.requireNonNull(result, "result");
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    /** Whether the platform answered with the devices. */
    public boolean ok() {
        return result.ok();
    }

    /** The result code, {@code "0"} for success. */
    public String code() {
        return result.code();
    }
}
