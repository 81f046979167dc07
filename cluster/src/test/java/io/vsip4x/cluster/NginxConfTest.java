package io.vsip4x.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness changes nothing in deploy/nginx's file but its ports, and refuses a file it does not know. */
class NginxConfTest {

    private static final Path CONF = Path.of("deploy/nginx/vsip4x-portal.conf");
    private final Nginx nginx = new Nginx(Path.of("unused"), Map.of(80, 20080, 443, 20443, 8090, 20090));

    @Test
    void replacesOnlyTheListenPortsAndTheNodes() throws Exception {
        String original = Files.readString(CONF, StandardCharsets.UTF_8);

        String substituted = nginx.substitute(original, 30001, 30002);

        assertThat(substituted).contains("listen 127.0.0.1:20080;", "listen 127.0.0.1:20443 ssl http2",
                "listen 127.0.0.1:20090;", "server 127.0.0.1:30001 max_fails", "server 127.0.0.1:30002 max_fails")
                .doesNotContain("listen 80", "listen 443", "listen 8090", "127.0.0.1:8081 ", "127.0.0.1:8082 ");
        String back = substituted.replace("listen 127.0.0.1:20080", "listen 80")
                .replace("listen 127.0.0.1:20443", "listen 443").replace("listen 127.0.0.1:20090", "listen 8090")
                .replace("127.0.0.1:30001 ", "127.0.0.1:8081 ").replace("127.0.0.1:30002 ", "127.0.0.1:8082 ");
        assertThat(back).as("nothing else changed").isEqualTo(original);
    }

    @Test
    void refusesAListenPortItDoesNotKnow() {
        String conf = "server {\n    listen 9999;\n}\nupstream u {\n    server 127.0.0.1:8081 ;\n"
                + "    server 127.0.0.1:8082 ;\n}\n";

        assertThatThrownBy(() -> nginx.substitute(conf, 1, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("9999");
    }
}
