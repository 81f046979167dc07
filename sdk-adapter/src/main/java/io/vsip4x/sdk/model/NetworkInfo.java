package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import java.util.Map;

/**
 * One virtual network as {@code getVirtualNetwork} describes it. Its id is what a NIC's
 * {@code vnicBridge} binds to.
 */
public record NetworkInfo(String virtualNetworkId, String virtualNetworkName) {

    /** Reads one entry of the answer (keys already trimmed). */
    public static NetworkInfo from(Map<String, Object> m) {
        return new NetworkInfo(
                SdkMaps.string(m, "virtualNetworkId"),
                SdkMaps.string(m, "virtualNetworkName"));
    }
}
