/**
 * The platform's mutable state: VMs with their pending operations, per-VM event counters and
 * fault switches, and the JSON file it persists to.
 */
package io.vsip4x.simulator.state;
