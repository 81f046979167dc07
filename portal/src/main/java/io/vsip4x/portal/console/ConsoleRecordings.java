package io.vsip4x.portal.console;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the tunnel records consoles: {@code <data-dir>/<portal.console.recording-dir>/<tenantId>/<sessionId>.guac},
 * every instruction guacd sent, as sent (Guacamole's session recording format).
 */
@Component
class ConsoleRecordings {

    private static final Logger log = LoggerFactory.getLogger(ConsoleRecordings.class);

    private final Path directory;

    ConsoleRecordings(ConsoleProperties properties, @Value("${portal.data-dir}") Path dataDir) {
        this.directory = dataDir.resolve(properties.recordingDir()).toAbsolutePath().normalize();
    }

    /** The folder of every tenant's recordings. */
    Path directory() {
        return directory;
    }

    /**
     * Starts the recording of console {@code sessionId} of tenant {@code tenantId}.
     *
     * @throws IOException when the file cannot be made
     */
    Recording start(long tenantId, long sessionId) throws IOException {
        Path file = directory.resolve(Long.toString(tenantId)).resolve(sessionId + ".guac");
        Files.createDirectories(file.getParent());
        Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16);
        return new Recording(file, out);
    }

    /** One console's recording; written by the tunnel's guacd reader, ended by whoever closes the tunnel. */
    static final class Recording {

        private final Path file;
        private Writer out;

        private Recording(Path file, Writer out) {
            this.file = file;
            this.out = out;
        }

        /** The file. */
        Path file() {
            return file;
        }

        /** Appends instructions as guacd sent them; a failing disk ends the recording, not the console. */
        synchronized void write(String instructions) {
            if (out == null) {
                return;
            }
            try {
                out.write(instructions);
            } catch (IOException e) {
                log.error("Could not write the console recording {}; it ends here", file, e);
                end();
            }
        }

        /** Ends the recording; returns the file's size in bytes (0 when it cannot be read). */
        synchronized long end() {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    log.error("Could not finish the console recording {}", file, e);
                }
                out = null;
            }
            try {
                return Files.size(file);
            } catch (IOException e) {
                return 0;
            }
        }
    }
}
