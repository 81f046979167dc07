/**
 * The adapter wiring: the platform client, the operation queue and its dispatcher, the
 * callback endpoint, reconciliation, and the embedded database and simulator of the default run.
 */
package io.vsip4x.portal.platform;
