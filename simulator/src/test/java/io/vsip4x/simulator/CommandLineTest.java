package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The standalone runner's options. */
class CommandLineTest {

    @Test
    void readsEveryOption() {
        SimulatorSettings settings = CommandLine.parse("--port=10000", "--state-file=/tmp/sim.json",
                "--callback-url=http://127.0.0.1:8080/callbacks", "--create-delay=500ms", "--power-delay=PT3S",
                "--account=ops", "--password=pw", "--callback-secret=k", "--no-seed");

        assertThat(settings.port()).isEqualTo(10000);
        assertThat(settings.stateFile()).isEqualTo(Path.of("/tmp/sim.json"));
        assertThat(settings.defaultCallbackUrl()).isEqualTo(URI.create("http://127.0.0.1:8080/callbacks"));
        assertThat(settings.createDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.powerDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.account()).isEqualTo("ops");
        assertThat(settings.password()).isEqualTo("pw");
        assertThat(settings.seedDemoInventory()).isFalse();
        assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void keepsDefaultsWithoutOptions() {
        assertThat(CommandLine.parse()).isEqualTo(SimulatorSettings.defaults());
    }

    @Test
    void refusesUnknownOptions() {
        assertThatThrownBy(() -> CommandLine.parse("--colour=blue")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandLine.parse("port")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hidesSecretsInToString() {
        assertThat(SimulatorSettings.defaults().toString()).doesNotContain("portal-secret", "sim-callback-secret");
    }
}
