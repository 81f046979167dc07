/** A VM's NICs: the list the platform reports, adding one and changing one on the tenant's networks. */
package io.vsip4x.portal.network;
