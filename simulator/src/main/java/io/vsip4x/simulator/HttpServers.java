package io.vsip4x.simulator;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Makes the JDK HTTP servers the simulator answers on. */
final class HttpServers {

    private HttpServers() {
    }

    /**
     * A server bound to {@code bindAddress}:{@code port} (0: any free port), not started; a
     * {@code rebind} waits a moment for a port held by another socket (see {@link Binds}).
     */
    static HttpServer bind(String bindAddress, int port, boolean rebind) {
        // The JDK's server writes an answer's headers and body apart; with Nagle's algorithm on,
        // the body waits for the client's delayed ACK (~25 ms a call on Linux). A real platform
        // answers at once; so must the simulator, or every call measured against it is slow.
        // Read once, when the JDK's server is first used; an explicit setting is kept.
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
        return Binds.bind(rebind, "Cannot listen on " + bindAddress + ":" + port,
                () -> HttpServer.create(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 0));
    }
}
