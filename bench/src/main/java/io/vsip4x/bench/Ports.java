package io.vsip4x.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Loopback ports for the portal, its database and its simulator (and the cluster module's processes). */
public final class Ports {

    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /**
     * A port free on 127.0.0.1 at this moment, never one this process was given before: the kernel may
     * hand the same port out again as soon as it is closed, and two parts given one port would collide
     * when both bind it.
     */
    public static int free() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (GIVEN.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new IllegalStateException("No free port on 127.0.0.1", e);
            }
        }
        throw new IllegalStateException("No free port on 127.0.0.1 that was not given out already");
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
