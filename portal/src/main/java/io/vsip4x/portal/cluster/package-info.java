/**
 * Several portal nodes on one database: this node's name and heartbeat, scheduled work that runs
 * on one node at a time (ShedLock on the {@code shedlock} table), and the leases that let a node
 * take over the work a dead node had claimed.
 */
package io.vsip4x.portal.cluster;
