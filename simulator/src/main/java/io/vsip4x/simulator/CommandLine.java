package io.vsip4x.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Reads {@code --name=value} arguments into settings, starting from the defaults. */
final class CommandLine {

    static final String USAGE = """
            Usage: Vsip4xSimulator [--option=value ...]
              --bind=ADDRESS           address to listen on (default 127.0.0.1)
              --port=N                 port, 0 for an ephemeral one (default 0)
              --base-path=PATH         REST base path (default /vsip4xservice/services/restService)
              --account=NAME           HTTP Basic account (default portal)
              --password=SECRET        HTTP Basic password (default portal-secret)
              --callback-secret=KEY    HMAC key signing callbacks (default sim-callback-secret)
              --callback-url=URL       where events go when a call names none
              --create-delay=DURATION  time to create a VM, e.g. 2s, 500ms, PT2S (default 2s)
              --power-delay=DURATION   time to start, stop or reboot a VM (default 1s)
              --state-file=PATH        JSON file the state persists to
              --no-seed                start without the demo inventory
            """;

    private CommandLine() {
    }

    /**
     * The settings {@code args} describe.
     *
     * @throws IllegalArgumentException for an unknown option or a malformed value
     */
    static SimulatorSettings parse(String... args) {
        SimulatorSettings settings = SimulatorSettings.defaults();
        for (String arg : args) {
            settings = apply(settings, arg);
        }
        return settings;
    }

    private static SimulatorSettings apply(SimulatorSettings s, String arg) {
        if ("--no-seed".equals(arg)) {
            return s.withSeedDemoInventory(false);
        }
        int eq = arg.indexOf('=');
        if (!arg.startsWith("--") || eq < 0) {
            throw new IllegalArgumentException("Not an option: '" + arg + "'");
        }
        String value = arg.substring(eq + 1);
        return switch (arg.substring(2, eq)) {
            case "bind" -> s.withBindAddress(value);
            case "port" -> s.withPort(Integer.parseInt(value));
            case "base-path" -> s.withBasePath(value);
            case "account" -> s.withCredentials(value, s.password());
            case "password" -> s.withCredentials(s.account(), value);
            case "callback-secret" -> s.withCallbackSecret(value);
            case "callback-url" -> s.withDefaultCallbackUrl(URI.create(value));
            case "create-delay" -> s.withCreateDelay(duration(value));
            case "power-delay" -> s.withPowerDelay(duration(value));
            case "state-file" -> s.withStateFile(Path.of(value));
            default -> throw new IllegalArgumentException("Unknown option: '" + arg.substring(0, eq) + "'");
        };
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m} or an ISO-8601 duration such as {@code PT2S}. */
    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("pt")) {
            return Duration.parse(text.trim());
        }
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        if (value.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        return Duration.ofMillis(Long.parseLong(value));
    }
}
