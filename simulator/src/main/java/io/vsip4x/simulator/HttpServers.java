package io.vsip4x.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Makes the JDK HTTP servers the simulator answers on. */
final class HttpServers {

    private HttpServers() {
    }

    /** A server bound to {@code bindAddress}:{@code port} (0: any free port), not started. */
    static HttpServer bind(String bindAddress, int port) {
        // The JDK's server writes an answer's headers and body apart; with Nagle's algorithm on,
        // the body waits for the client's delayed ACK (~25 ms a call on Linux). A real platform
        // answers at once; so must the simulator, or every call measured against it is slow.
        // Read once, when the JDK's server is first used; an explicit setting is kept.
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + bindAddress + ":" + port, e);
        }
    }
}
