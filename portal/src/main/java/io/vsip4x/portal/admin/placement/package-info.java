/**
 * Platform administration of VMs across tenants: where a VM runs and where it may go, batch
 * attribute changes on the platform, and the adoption of VMs the portal did not create.
 */
package io.vsip4x.portal.admin.placement;
