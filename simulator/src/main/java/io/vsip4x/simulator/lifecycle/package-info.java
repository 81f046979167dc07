/**
 * What VMs go through: capacity and placement, accepting {@code createVm} and power operations,
 * finishing them after their delay, and the events that report each step.
 */
package io.vsip4x.simulator.lifecycle;
