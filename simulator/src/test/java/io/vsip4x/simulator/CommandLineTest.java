package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
    void readsTheHostScale() {
        assertThat(CommandLine.parse("--host-scale=4").hostScale()).isEqualTo(4);
        assertThat(CommandLine.parse().hostScale()).isEqualTo(1);
        assertThatThrownBy(() -> CommandLine.parse("--host-scale=0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheGuacdPort() {
        assertThat(CommandLine.parse("--guacd-port=4822").guacdPort()).isEqualTo(4822);
        assertThat(CommandLine.parse("--guacd-port", "-1").guacdPort()).isEqualTo(-1);
        assertThat(SimulatorSettings.defaults().guacdPort()).isZero();
        assertThatThrownBy(() -> CommandLine.parse("--guacd-port=-2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheUkeyMiddlewarePortOffByDefault() {
        assertThat(CommandLine.parse("--ukey-middleware-port=5600").ukeyMiddlewarePort()).isEqualTo(5600);
        assertThat(CommandLine.parse("--ukey-middleware-port", "0").ukeyMiddlewarePort()).isZero();
        assertThat(SimulatorSettings.defaults().ukeyMiddlewarePort()).isEqualTo(-1);
        assertThat(CommandLine.USAGE).contains("--ukey-middleware-port");
        assertThatThrownBy(() -> CommandLine.parse("--ukey-middleware-port=-2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandLine.parse("--ukey-middleware-port=65536"))
                .isInstanceOf(IllegalArgumentException.class);
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
    void readsOptionsGivenAsSeparateWords() {
        SimulatorSettings settings = CommandLine.parse("--port", "9090", "--callback-url",
                "http://127.0.0.1:8080/platform/callback", "--bind", "::1", "--base-path", "/sim");

        assertThat(settings.port()).isEqualTo(9090);
        assertThat(settings.defaultCallbackUrl()).isEqualTo(URI.create("http://127.0.0.1:8080/platform/callback"));
        assertThat(settings.bindAddress()).isEqualTo("::1");
        assertThat(settings.basePath()).isEqualTo("/sim");
    }

    @Test
    void readsDelaysPerMethod() {
        SimulatorSettings settings = CommandLine.parse("--method-delay=startHost=5s", "--method-delay",
                "deleteVm=250ms", "--power-delay=1s");

        assertThat(settings.delayOf("startHost")).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.delayOf("deleteVm")).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.delayOf("startVm")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void takesSecretsFromTheEnvironmentButTheCommandLineWins() {
        Map<String, String> env = Map.of(CommandLine.PASSWORD_ENV, "from-env",
                CommandLine.CALLBACK_SECRET_ENV, "key-from-env");

        assertThat(CommandLine.parse(env).password()).isEqualTo("from-env");
        assertThat(CommandLine.parse(env).callbackSecret()).isEqualTo("key-from-env");
        assertThat(CommandLine.parse(env, "--password=given").password()).isEqualTo("given");
        assertThat(CommandLine.parse(env).toString()).doesNotContain("from-env", "key-from-env");
    }

    @Test
    void recognisesAskingForHelp() {
        assertThat(CommandLine.wantsHelp("--port=1", "--help")).isTrue();
        assertThat(CommandLine.wantsHelp("-h")).isTrue();
        assertThat(CommandLine.wantsHelp("--port=1")).isFalse();
        assertThat(CommandLine.USAGE).contains("--method-delay", CommandLine.PASSWORD_ENV, "/admin/faults");
    }

    @Test
    void refusesMalformedValuesWithAClearMessage() {
        assertThatThrownBy(() -> CommandLine.parse("--port=abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--port");
        assertThatThrownBy(() -> CommandLine.parse("--create-delay=soon"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("soon");
        assertThatThrownBy(() -> CommandLine.parse("--method-delay=5s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("METHOD=DURATION");
        assertThatThrownBy(() -> CommandLine.parse("--port"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> CommandLine.parse("--port=70000"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandLine.parse("--bogus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown option");
        assertThatThrownBy(() -> CommandLine.parse("--callback-url=notaurl"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--callback-url");
        assertThatThrownBy(() -> CommandLine.parse("--callback-url", "file:///etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
    }

    @Test
    void hidesSecretsInToString() {
        assertThat(SimulatorSettings.defaults().toString()).doesNotContain("portal-secret", "sim-callback-secret");
    }
}
