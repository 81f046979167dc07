package io.vsip4x.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ports handed to the benchmark's and the cluster's processes. */
class PortsTest {

    @Test
    void aPortIsNeverGivenTwiceAndEachCanBeBound() throws Exception {
        Set<Integer> given = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            assertThat(given.add(Ports.free())).as("port given twice").isTrue();
        }
        for (int port : given.stream().limit(20).toList()) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
