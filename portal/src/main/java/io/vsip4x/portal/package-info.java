/** The Vsip4x self-service portal application, organised by feature. */
package io.vsip4x.portal;
