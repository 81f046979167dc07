/**
 * A stand-in Vsip4x platform speaking the HTTP binding of {@code docs/platform-binding.md}:
 * run it alone with {@link io.vsip4x.simulator.Vsip4xSimulator#main} or embed it in-process.
 */
package io.vsip4x.simulator;
