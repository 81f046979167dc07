/**
 * The platform's fixed inventory: resource pools, hosts, templates, virtual networks and
 * installation images, and the demo set the simulator seeds.
 */
package io.vsip4x.simulator.inventory;
