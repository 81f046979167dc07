package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.SdkResult;

/**
 * The answer of {@code getRemoteViewType}: how the VM's console is reached. The spec does not
 * list the values (catalog A38): they go through unchanged, e.g. {@code vnc}, {@code fastrap},
 * {@code rdp}.
 *
 * @param vmId   {@code vmId} ({@code " vmId "} in the spec, trimmed)
 * @param type   {@code type} ({@code " type "} in the spec, trimmed); {@code null} when refused
 * @param result the whole answer; its code is {@code 0} unless the platform refused (catalog A17)
 */
public record RemoteViewType(String vmId, String type, SdkResult result) {

    /** Reads the answer. */
    public static RemoteViewType from(SdkResult result) {
        return new RemoteViewType(SdkMaps.string(result.raw(), "vmId"), SdkMaps.string(result.raw(), "type"),
                result);
    }

    /** Whether the platform gave the type. */
    public boolean ok() {
        return result.ok();
    }
}
