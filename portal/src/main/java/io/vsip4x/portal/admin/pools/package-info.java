/** Resource pools for platform admins: their capacity, hosts, VMs and tenants, and the capacity planner. */
package io.vsip4x.portal.admin.pools;
