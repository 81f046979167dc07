/**
 * Fault injection: SDK methods that answer a code, slowly or not at all, a platform that is
 * down, callbacks dropped, duplicated, delayed or reordered, and failing operations; set from
 * Java ({@code Vsip4xSimulator.faults()}) or over the admin endpoint {@code {base}/admin/faults}.
 */
package io.vsip4x.simulator.faults;
