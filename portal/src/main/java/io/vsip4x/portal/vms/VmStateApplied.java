package io.vsip4x.portal.vms;

import io.vsip4x.portal.platform.VmStateReported;

/**
 * Published, inside the same transaction, after a platform report changed a VM the portal
 * knows; reports that were ignored (older than what the VM shows) publish nothing.
 *
 * @param vm     the VM as it is now (without its owner's name)
 * @param report what the platform said
 */
public record VmStateApplied(Vm vm, VmStateReported report) {
}
