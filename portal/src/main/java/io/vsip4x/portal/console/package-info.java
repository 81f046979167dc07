/**
 * Consoles: the VM's screen in the browser through a Guacamole WebSocket tunnel to guacd, the
 * one-time tokens that open it, the console-only permission, view-only shares, recordings, and
 * the native client's {@code fastrap://} and {@code rdp://} links with their leases.
 */
package io.vsip4x.portal.console;
