/**
 * The simulator's guacd: the Guacamole protocol for the simulated VMs' consoles, each a text
 * screen that boots, shows a login prompt and echoes keys, recorded for tests.
 */
package io.vsip4x.simulator.console;
