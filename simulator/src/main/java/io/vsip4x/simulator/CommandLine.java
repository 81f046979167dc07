package io.vsip4x.simulator;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code --name=value} or {@code --name value} arguments into settings, starting from the
 * defaults; the password and the callback secret may also come from the environment, so that
 * they need not show on the command line.
 */
final class CommandLine {

    /** Environment variable holding the HTTP Basic password. */
    static final String PASSWORD_ENV = "VSIP4X_SIM_PASSWORD";
    /** Environment variable holding the callback HMAC key. */
    static final String CALLBACK_SECRET_ENV = "VSIP4X_SIM_CALLBACK_SECRET";

    static final String USAGE = """
            Usage: java -jar vsip4x-simulator.jar [--option=value | --option value ...]
              --bind=ADDRESS           address to listen on (default 127.0.0.1)
              --port=N                 port, 0 for an ephemeral one (default 0)
              --base-path=PATH         REST base path (default /vsip4xservice/services/restService)
              --account=NAME           HTTP Basic account (default portal)
              --password=SECRET        HTTP Basic password (default portal-secret); better set
                                       the environment variable VSIP4X_SIM_PASSWORD
              --callback-secret=KEY    HMAC key signing callbacks (default sim-callback-secret);
                                       or the environment variable VSIP4X_SIM_CALLBACK_SECRET
              --callback-url=URL       where events go when a call names none
              --create-delay=DURATION  time to create a VM, e.g. 2s, 500ms, PT2S (default 2s)
              --power-delay=DURATION   time of the other asynchronous methods (default 1s)
              --method-delay=METHOD=DURATION
                                       time of one asynchronous SDK method, e.g.
                                       --method-delay=startHost=5s (repeatable)
              --state-file=PATH        JSON file the state persists to
              --guacd-port=N           port of the simulated guacd serving the VMs' consoles,
                                       0 for an ephemeral one, -1 for none (default 0)
              --ukey-middleware-port=N the software UKEY middleware on 127.0.0.1, 0 for an
                                       ephemeral port, -1 for none (default -1)
              --host-scale=N           demo hosts with N times their vCPUs and memory, 1 to 64
                                       (default 1), for tests that hold many VMs
              --no-seed                start without the demo inventory
              --help                   print this and exit
            Faults are set while running at {base}/admin/faults (see the simulator's README).
            """;

    private static final Set<String> FLAGS = Set.of("--no-seed", "--help");

    private CommandLine() {
    }

    /** Whether {@code args} ask for the usage text. */
    static boolean wantsHelp(String... args) {
        for (String arg : args) {
            if ("--help".equals(arg) || "-h".equals(arg)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The settings {@code args} describe, without looking at the environment.
     *
     * @throws IllegalArgumentException for an unknown option or a malformed value
     */
    static SimulatorSettings parse(String... args) {
        return parse(Map.of(), args);
    }

    /**
     * The settings {@code env} and {@code args} describe; an option on the command line wins
     * over the environment.
     *
     * @throws IllegalArgumentException for an unknown option or a malformed value
     */
    static SimulatorSettings parse(Map<String, String> env, String... args) {
        SimulatorSettings settings = SimulatorSettings.defaults();
        String password = env.get(PASSWORD_ENV);
        if (password != null && !password.isEmpty()) {
            settings = settings.withCredentials(settings.account(), password);
        }
        String secret = env.get(CALLBACK_SECRET_ENV);
        if (secret != null && !secret.isEmpty()) {
            settings = settings.withCallbackSecret(secret);
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (FLAGS.contains(arg)) {
                settings = "--no-seed".equals(arg) ? settings.withSeedDemoInventory(false) : settings;
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("Not an option: '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            if (eq >= 0) {
                settings = apply(settings, arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                settings = apply(settings, arg.substring(2), args[++i]);
            } else if (!OPTIONS.contains(arg.substring(2))) {
                throw new IllegalArgumentException("Unknown option: '" + arg + "'");
            } else {
                throw new IllegalArgumentException("Option '" + arg + "' needs a value");
            }
        }
        return settings;
    }

    /** The options that take a value, as {@link #apply} reads them. */
    private static final Set<String> OPTIONS = Set.of("bind", "port", "base-path", "account", "password",
            "callback-secret", "callback-url", "create-delay", "power-delay", "method-delay", "state-file",
            "guacd-port", "ukey-middleware-port", "host-scale");

    private static SimulatorSettings apply(SimulatorSettings s, String name, String value) {
        return switch (name) {
            case "bind" -> s.withBindAddress(value);
            case "port" -> s.withPort(number("--port", value));
            case "base-path" -> s.withBasePath(value);
            case "account" -> s.withCredentials(value, s.password());
            case "password" -> s.withCredentials(s.account(), value);
            case "callback-secret" -> s.withCallbackSecret(value);
            case "callback-url" -> s.withDefaultCallbackUrl(callbackUrl(value));
            case "create-delay" -> s.withCreateDelay(duration(value));
            case "power-delay" -> s.withPowerDelay(duration(value));
            case "method-delay" -> methodDelay(s, value);
            case "state-file" -> s.withStateFile(Path.of(value));
            case "guacd-port" -> s.withGuacdPort(number("--guacd-port", value));
            case "ukey-middleware-port" -> s.withUkeyMiddlewarePort(number("--ukey-middleware-port", value));
            case "host-scale" -> s.withHostScale(number("--host-scale", value));
            default -> throw new IllegalArgumentException("Unknown option: '--" + name + "'");
        };
    }

    private static URI callbackUrl(String value) {
        try {
            URI url = new URI(value);
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // Refused below with the option's name.
        }
        throw new IllegalArgumentException("--callback-url must be an absolute http or https URL, not '" + value + "'");
    }

    private static SimulatorSettings methodDelay(SimulatorSettings s, String value) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--method-delay takes METHOD=DURATION, not '" + value + "'");
        }
        return s.withMethodDelay(value.substring(0, eq), duration(value.substring(eq + 1)));
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, not '" + value + "'", e);
        }
    }

    /**
     * {@code 500ms}, {@code 2s}, {@code 1m}, a number of milliseconds or an ISO-8601 duration
     * such as {@code PT2S}.
     *
     * @throws IllegalArgumentException when {@code text} is none of these
     */
    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
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
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Not a duration: '" + text + "' (use e.g. 500ms, 2s, 1m or PT2S)", e);
        }
    }
}
