package io.vsip4x.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports for the portal, its database and its simulator (and the cluster module's processes). */
public final class Ports {

    private Ports() {
    }

    /** A port free on 127.0.0.1 at this moment. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port on 127.0.0.1", e);
        }
    }

    /**
     * {@code port} when it is free on 127.0.0.1, a free one for 0.
     *
     * @throws IllegalStateException naming the port and the option when it is taken
     */
    static int check(int port, String what) {
        if (port == 0) {
            return free();
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return port;
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " on 127.0.0.1 is taken (" + what + "): stop what uses "
                    + "it or choose another port with --port=N (0 picks a free one)");
        }
    }
}
