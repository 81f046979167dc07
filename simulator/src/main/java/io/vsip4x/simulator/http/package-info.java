/**
 * The binding's HTTP side: Basic authentication, {@code POST {base}/{method}} with an
 * {@code args} array, the method registry with its aliases, and the binding page.
 */
package io.vsip4x.simulator.http;
