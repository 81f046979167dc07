/**
 * The SDK methods the simulator serves, grouped by resource, each reading the spec's keys and
 * answering with the spec's keys and result codes.
 */
package io.vsip4x.simulator.methods;
