package io.vsip4x.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/** What the proof reads besides the portal's answers: nginx's access log, its own figures. */
final class Figures {

    private Figures() {
    }

    /** The callbacks nginx passed on, counted by the node ({@code $upstream_addr}) that answered them. */
    static Map<String, Long> callbacksByUpstream(Path accessLog) throws IOException {
        Map<String, Long> byNode = new TreeMap<>();
        for (String line : Files.readAllLines(accessLog, StandardCharsets.UTF_8)) {
            if (!line.contains("\"POST /platform/callback ")) {
                continue;
            }
            String[] fields = line.substring(line.lastIndexOf('"') + 1).trim().split(" ");
            if (fields.length >= 2) {
                for (String upstream : fields[1].split(",\\s*")) {
                    // "-": answered by nginx itself (the public server's 404), no node.
                    if (!upstream.isBlank() && !"-".equals(upstream.trim())) {
                        byNode.merge(upstream.trim(), 1L, Long::sum);
                    }
                }
            }
        }
        return byNode;
    }

    /** Adds {@code key value} to the run's figures file ({@code figures.txt} in the run's folder). */
    static void write(Path dir, String key, String value) throws IOException {
        Files.writeString(dir.resolve("figures.txt"), key + " " + value + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

}
