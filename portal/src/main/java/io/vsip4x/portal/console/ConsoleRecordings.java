package io.vsip4x.portal.console;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the tunnel records consoles: {@code <data-dir>/<portal.console.recording-dir>/<tenantId>/<sessionId>.guac},
 * every instruction guacd sent, as sent (Guacamole's session recording format). Only guacd's {@code sync}s carry
 * time, and guacd sends none while the screen stands still: the recording adds its own {@code sync}s, continuing
 * guacd's timeline, while the console is idle and when it ends, so that playing it lasts as long as the console
 * was open.
 */
@Component
class ConsoleRecordings {

    private static final Logger log = LoggerFactory.getLogger(ConsoleRecordings.class);
    /** How long the screen may stand still before the recording notes the time passing. */
    static final Duration IDLE_SYNC = Duration.ofSeconds(3);

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
        /** The timestamp of the last {@code sync} written (guacd's milliseconds). */
        private long lastSync;
        /** When it was written ({@link System#nanoTime()}), or 0 before guacd's first. */
        private long lastSyncNanos;

        private Recording(Path file, Writer out) {
            this.file = file;
            this.out = out;
        }

        /** The file. */
        Path file() {
            return file;
        }

        /** Appends an instruction as guacd sent it; a failing disk ends the recording, not the console. */
        synchronized void write(GuacamoleInstruction instruction) {
            append(instruction.toString());
            if ("sync".equals(instruction.getOpcode()) && !instruction.getArgs().isEmpty()) {
                try {
                    lastSync = Long.parseLong(instruction.getArgs().get(0));
                    lastSyncNanos = System.nanoTime();
                } catch (NumberFormatException e) {
                    log.debug("guacd sent a sync without a timestamp: {}", instruction.getArgs().get(0));
                }
            }
        }

        /**
         * Notes the time that passed since the last {@code sync} when it is at least {@link #IDLE_SYNC}
         * ({@code now} from {@link System#nanoTime()}).
         */
        synchronized void idle(long now) {
            if (lastSyncNanos != 0 && now - lastSyncNanos >= IDLE_SYNC.toNanos()) {
                syncUntil(now);
            }
        }

        private void syncUntil(long now) {
            long elapsed = (now - lastSyncNanos) / 1_000_000;
            if (lastSyncNanos == 0 || elapsed <= 0) {
                return;
            }
            lastSync += elapsed;
            lastSyncNanos += elapsed * 1_000_000;
            append(new GuacamoleInstruction("sync", Long.toString(lastSync)).toString());
        }

        private void append(String instructions) {
            if (out == null) {
                return;
            }
            try {
                out.write(instructions);
            } catch (IOException e) {
                log.error("Could not write the console recording {}; it ends here", file, e);
                close();
            }
        }

        /** Ends the recording; returns the file's size in bytes (0 when it cannot be read). */
        synchronized long end() {
            syncUntil(System.nanoTime());
            close();
            try {
                return Files.size(file);
            } catch (IOException e) {
                return 0;
            }
        }

        private void close() {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    log.error("Could not finish the console recording {}", file, e);
                }
                out = null;
            }
        }
    }
}
