package io.vsip4x.portal.platform;

import java.util.Map;

/**
 * Published, inside the transaction that applies it, when the platform has listed the
 * classification (密级) of its VMs.
 *
 * @param levels each VM's level ({@code vm.classification} of {@code searchVmList}), by VM id
 */
public record VmClassificationsReported(Map<String, Integer> levels) {

    public VmClassificationsReported {
        levels = Map.copyOf(levels);
    }
}
