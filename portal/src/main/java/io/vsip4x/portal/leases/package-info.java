/**
 * VM leases: a VM may carry an expiry date, chosen in its request within the tenant's maximum;
 * its owner is warned before it, it is shut down at expiry and deleted after a grace period,
 * each step through the operation queue and audited. An approved renewal moves the date
 * ({@link io.vsip4x.portal.leases.LeaseService#renew}).
 */
package io.vsip4x.portal.leases;
