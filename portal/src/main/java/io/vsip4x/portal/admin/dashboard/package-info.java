/** The platform admins' dashboard: the platform's licence, capacity, queue and callbacks at a glance. */
package io.vsip4x.portal.admin.dashboard;
