/** The VM inventory and day-to-day operations on it. */
package io.vsip4x.portal.vms;
