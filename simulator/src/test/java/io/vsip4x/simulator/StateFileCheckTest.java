package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A state file this simulator cannot have written stops the start, and is left as it was. */
class StateFileCheckTest {

    @TempDir
    Path dir;

    @Test
    void refusesAVmStatusTheSpecDoesNotDefine() throws IOException {
        Path file = written();
        String edited = Files.readString(file).replaceFirst("\"status\"\\s*:\\s*0", "\"status\" : 10");
        Files.writeString(file, edited);

        assertRefused(file, "status 10");
        assertThat(Files.readString(file)).isEqualTo(edited);
    }

    @Test
    void refusesAnotherFormatVersion() throws IOException {
        Path file = written();
        Files.writeString(file, Files.readString(file).replaceFirst("\"version\"\\s*:\\s*1", "\"version\" : 999"));

        assertRefused(file, "format version 999");
    }

    @Test
    void refusesAFileHoldingNothing() throws IOException {
        Path file = dir.resolve("sim.json");
        Files.writeString(file, "null");

        assertRefused(file, "holds no state");
    }

    /** A state file with one stopped VM, written by a simulator. */
    private Path written() {
        Path file = dir.resolve("sim.json");
        try (TestPlatform first = new TestPlatform(s -> s.withStateFile(file))) {
            first.createStopped("pool-prod", "vm-kept");
        }
        return file;
    }

    private static void assertRefused(Path file, String reason) {
        assertThatThrownBy(() -> new TestPlatform(s -> s.withStateFile(file)).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not one this simulator wrote").hasMessageContaining(reason);
    }
}
