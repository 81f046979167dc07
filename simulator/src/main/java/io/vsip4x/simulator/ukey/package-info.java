/**
 * The simulated platform's UKEY certificate authority: its SM2 key pair, the registry of known
 * UKEYs, and {@code ukeyLogin} over the binding's UKEY envelope.
 */
package io.vsip4x.simulator.ukey;
