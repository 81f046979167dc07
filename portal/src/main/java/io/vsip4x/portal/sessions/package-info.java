/**
 * HTTP sessions shared by every portal node: Spring Session's JDBC store on MariaDB, the end of a
 * session told to every node (its live streams and consoles end there too), and the sweep that
 * removes expired sessions and logs each signed-in one that ran out.
 */
package io.vsip4x.portal.sessions;
