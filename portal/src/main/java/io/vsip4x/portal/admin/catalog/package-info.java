/**
 * What the platform offers (templates, images, networks, storage nodes) and whom each is open to,
 * for platform admins.
 */
package io.vsip4x.portal.admin.catalog;
