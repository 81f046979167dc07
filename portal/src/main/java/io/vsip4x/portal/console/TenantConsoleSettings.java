package io.vsip4x.portal.console;

import io.vsip4x.sdk.links.UsbControl;

/**
 * A tenant's console settings: the fields of the native client link that are the tenant's to
 * choose, the keyboard layout given to guacd, and whether its consoles are recorded.
 *
 * @param usbControl             the fastrap link's USB control field, e.g. {@code 00} or {@code 02090D}
 * @param usbReadWrite           USB permission read-write ({@code 11}) rather than read-only ({@code 01})
 * @param smartcard              smart-card redirection in the fastrap link
 * @param userControl            whether the native client's user may control the desktop
 * @param keyboardLayout         the keyboard layout guacd is told, e.g. {@code en-us-qwerty}
 * @param recording              whether browser consoles are recorded
 * @param recordingRetentionDays how many days recordings are kept
 */
public record TenantConsoleSettings(long tenantId, String usbControl, boolean usbReadWrite, boolean smartcard,
        boolean userControl, String keyboardLayout, boolean recording, int recordingRetentionDays) {

    /** What a tenant that never changed them has. */
    public static TenantConsoleSettings defaults(long tenantId) {
        return new TenantConsoleSettings(tenantId, "00", false, false, true, "en-us-qwerty", false, 30);
    }

    /** The USB control field as the link encoder takes it. */
    public UsbControl usb() {
        return UsbControl.parse(usbControl);
    }
}
