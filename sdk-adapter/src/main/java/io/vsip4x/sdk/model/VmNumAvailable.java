package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.SdkResult;

/**
 * The answer of {@code getCreateVmNumAvailable}, whose {@code result} is {@code "0"} for
 * success and {@code "1"} for failure (a code outside the spec's table, catalog A18).
 *
 * @param ok     whether the platform answered the question
 * @param count  how many VMs it could still create ({@code data}); 0 when not {@code ok}
 * @param result the whole answer
 */
public record VmNumAvailable(boolean ok, long count, SdkResult result) {

    /** Reads the answer; a failed call, or one without a number in {@code data}, is not ok. */
    public static VmNumAvailable from(SdkResult result) {
        long count = SdkMaps.number(result.raw(), -1, "data");
        boolean ok = result.ok() && count >= 0;
        return new VmNumAvailable(ok, ok ? count : 0, result);
    }
}
