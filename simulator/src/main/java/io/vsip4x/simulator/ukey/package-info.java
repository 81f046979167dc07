/**
 * The simulated platform's UKEY side: its SM2 key pair, the SM2 certificate authority issuing
 * UKEYs, the registry of known UKEYs with {@code ukeyLogin} over the binding's UKEY envelope, and
 * the software stand-in for a key vendor's middleware.
 */
package io.vsip4x.simulator.ukey;
