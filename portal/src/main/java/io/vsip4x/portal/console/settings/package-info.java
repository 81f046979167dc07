/** Each tenant's console settings: what its native client links carry, keyboard layout, recording. */
package io.vsip4x.portal.console.settings;
