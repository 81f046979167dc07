/**
 * Delivery of completion events to the caller's callback URL: signed, in order per VM, retried
 * with growing pauses, and held while callbacks are paused.
 */
package io.vsip4x.simulator.callback;
