/**
 * The Vsip4x client over the vendor's own SDK class ({@code com.wisersoft.sdk.WSSdkImpl}),
 * called by reflection when the vendor's jar is on the class path.
 */
package io.vsip4x.sdk.vendor;
