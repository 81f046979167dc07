/** The in-portal inbox and e-mail: telling people what happened to their work and what waits for them. */
package io.vsip4x.portal.notifications;
