/**
 * The Vsip4x client: typed methods over the HTTP binding documented in
 * {@code docs/platform-binding.md}, result and status codes, and the callback model.
 */
package io.vsip4x.sdk;
