/** The platform's hosts for platform admins: list, detail, monitoring samples, and start and shutdown. */
package io.vsip4x.portal.admin.hosts;
