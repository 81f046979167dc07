/**
 * The native client's {@code fastrap://} and {@code rdp://} links of a VM, the leases behind
 * their renewal URL, and the VM's remote-view type on the platform.
 */
package io.vsip4x.portal.console.links;
