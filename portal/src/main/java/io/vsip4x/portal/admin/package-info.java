/** Setting the portal up: demo data for the default run, the first administrator elsewhere. */
package io.vsip4x.portal.admin;
