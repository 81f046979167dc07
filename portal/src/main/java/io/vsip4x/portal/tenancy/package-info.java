/** Tenants (departments), their quotas, and the platform resources open to each. */
package io.vsip4x.portal.tenancy;
