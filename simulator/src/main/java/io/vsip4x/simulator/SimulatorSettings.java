package io.vsip4x.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link Vsip4xSimulator} runs. Start from {@link #defaults()} and change what a test or
 * the portal needs with the {@code with...} methods; every instance is immutable.
 *
 * @param bindAddress        address to listen on; loopback by default
 * @param port               port to listen on, 0 for an ephemeral one
 * @param basePath           path of the REST service, starting with {@code /}, no trailing
 *                           {@code /}
 * @param account            the HTTP Basic account callers must present
 * @param password           its password; never logged
 * @param callbackSecret     HMAC key that signs callbacks; never logged
 * @param defaultCallbackUrl where events go when the causing call named no callback URL, or
 *                           {@code null} to drop such events
 * @param createDelay        how long {@code createVm} takes from state 6 to state 0
 * @param powerDelay         how long {@code startVm}, {@code shutdownVm} and {@code rebootVm}
 *                           take
 * @param stateFile          JSON file the state is loaded from on start and written to after
 *                           every change, or {@code null} to keep it in memory only
 * @param seedDemoInventory  whether to offer the demo pools, hosts, templates, networks and
 *                           images (see the module's README); without it the platform is empty
 * @param methodDelays       how long other asynchronous methods take, by SDK method name; a
 *                           method not named takes {@code powerDelay}
 * @param guacdPort          port of the simulated guacd serving the VMs' consoles on the bind
 *                           address: 0 for a free one, -1 for none
 * @param ukeyMiddlewarePort port of the software UKEY middleware, always on 127.0.0.1: 0 for a
 *                           free one, -1 for none
 * @param guestAgentDelay    how long after a VM reaches "running" (started, rebooted, created
 *                           running) its guest agent starts to answer
 * @param hostScale          the demo hosts' vCPUs and memory multiplied by this (1: as listed in
 *                           the README), so that tests can hold many VMs at once
 */
public record SimulatorSettings(
        String bindAddress,
        int port,
        String basePath,
        String account,
        String password,
        String callbackSecret,
        URI defaultCallbackUrl,
        Duration createDelay,
        Duration powerDelay,
        Path stateFile,
        boolean seedDemoInventory,
        Map<String, Duration> methodDelays,
        int guacdPort,
        int ukeyMiddlewarePort,
        Duration guestAgentDelay,
        int hostScale) {

    /** The base path of the vendor's example URL. */
    public static final String DEFAULT_BASE_PATH = "/vsip4xservice/services/restService";

    public SimulatorSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(basePath, "basePath");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(createDelay, "createDelay");
        Objects.requireNonNull(powerDelay, "powerDelay");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("The port must be between 0 and 65535, not " + port);
        }
        if (!basePath.startsWith("/") || basePath.endsWith("/")) {
            throw new IllegalArgumentException(
                    "The base path must start with '/' and not end with it: '" + basePath + "'");
        }
        if (callbackSecret == null || callbackSecret.isEmpty()) {
            throw new IllegalArgumentException("The callback secret must not be empty");
        }
        if (guacdPort < -1 || guacdPort > 65_535) {
            throw new IllegalArgumentException("The guacd port must be between -1 and 65535, not " + guacdPort);
        }
        if (ukeyMiddlewarePort < -1 || ukeyMiddlewarePort > 65_535) {
            throw new IllegalArgumentException(
                    "The UKEY middleware port must be between -1 and 65535, not " + ukeyMiddlewarePort);
        }
        methodDelays = methodDelays == null ? Map.of() : Map.copyOf(methodDelays);
        Objects.requireNonNull(guestAgentDelay, "guestAgentDelay");
        if (hostScale < 1 || hostScale > 64) {
            throw new IllegalArgumentException("The host scale must be between 1 and 64, not " + hostScale);
        }
        if (createDelay.isNegative() || powerDelay.isNegative() || guestAgentDelay.isNegative()
                || methodDelays.values().stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("Delays must not be negative");
        }
    }

    /**
     * Loopback, an ephemeral port, the vendor's base path, account {@code portal} with password
     * {@code portal-secret}, callback secret {@code sim-callback-secret}, no default callback
     * URL, 2 s to create, 1 s to change power state, no state file, demo inventory seeded, the
     * simulated guacd on a free port, no UKEY middleware, guest agents answering 3 s after their
     * VM runs.
     */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings("127.0.0.1", 0, DEFAULT_BASE_PATH, "portal", "portal-secret",
                "sim-callback-secret", null, Duration.ofSeconds(2), Duration.ofSeconds(1), null, true, Map.of(), 0,
                -1, Duration.ofSeconds(3), 1);
    }

    /** A copy listening on {@code address}. */
    public SimulatorSettings withBindAddress(String address) {
        return new SimulatorSettings(address, port, basePath, account, password, callbackSecret,
                defaultCallbackUrl, createDelay, powerDelay, stateFile, seedDemoInventory, methodDelays,
                guacdPort, ukeyMiddlewarePort, guestAgentDelay, hostScale);
    }

    /** A copy listening on {@code newPort} (0 for an ephemeral one). */
    public SimulatorSettings withPort(int newPort) {
        return new SimulatorSettings(bindAddress, newPort, basePath, account, password, callbackSecret,
                defaultCallbackUrl, createDelay, powerDelay, stateFile, seedDemoInventory, methodDelays,
                guacdPort, ukeyMiddlewarePort, guestAgentDelay, hostScale);
    }

    /** A copy serving under {@code path}. */
    public SimulatorSettings withBasePath(String path) {
        return new SimulatorSettings(bindAddress, port, path, account, password, callbackSecret,
                defaultCallbackUrl, createDelay, powerDelay, stateFile, seedDemoInventory, methodDelays,
                guacdPort, ukeyMiddlewarePort, guestAgentDelay, hostScale);
    }

    /** A copy accepting {@code newAccount} with {@code newPassword}. */
    public SimulatorSettings withCredentials(String newAccount, String newPassword) {
        return new SimulatorSettings(bindAddress, port, basePath, newAccount, newPassword, callbackSecret,
                defaultCallbackUrl, createDelay, powerDelay, stateFile, seedDemoInventory, methodDelays,
                guacdPort, ukeyMiddlewarePort, guestAgentDelay, hostScale);
    }

    /** A copy signing callbacks with {@code secret}. */
    public SimulatorSettings withCallbackSecret(String secret) {
        return new SimulatorSettings(bindAddress, port, basePath, account, password, secret,
                defaultCallbackUrl, createDelay, powerDelay, stateFile, seedDemoInventory, methodDelays,
                guacdPort, ukeyMiddlewarePort, guestAgentDelay, hostScale);
    }

    /** A copy posting events to {@code url} when a call named none; {@code null} drops them. */
    public SimulatorSettings withDefaultCallbackUrl(URI url) {
        return new SimulatorSettings(bindAddress, port, basePath, account, password, callbackSecret,
                url, createDelay, powerDelay, stateFile, seedDemoInventory, methodDelays,
                guacdPort, ukeyMiddlewarePort, guestAgentDelay, hostScale);
    }

    /** A copy taking {@code delay} to create a VM. */
    public SimulatorSettings withCreateDelay(Duration delay) {
        return new SimulatorSettings(bindAddress, port, basePath, account, password, callbackSecret,
                defaultCallbackUrl, delay, powerDelay, stateFile, seedDemoInventory, methodDelays,
                guacdPort, ukeyMiddlewarePort, guestAgentDelay, hostScale);
    }

    /** A copy taking {@code delay} to start, stop or reboot a VM. */
    public SimulatorSettings withPowerDelay(Duration delay) {
        return new SimulatorSettings(bindAddress, port, basePath, account, password, callbackSecret,
                defaultCallbackUrl, createDelay, delay, stateFile, seedDemoInventory, methodDelays,
                guacdPort, ukeyMiddlewarePort, guestAgentDelay, hostScale);
    }

    /** A copy persisting to {@code file}; {@code null} keeps state in memory only. */
    public SimulatorSettings withStateFile(Path file) {
        return new SimulatorSettings(bindAddress, port, basePath, account, password, callbackSecret,
                defaultCallbackUrl, createDelay, powerDelay, file, seedDemoInventory, methodDelays,
                guacdPort, ukeyMiddlewarePort, guestAgentDelay, hostScale);
    }

    /** A copy with or without the demo inventory. */
    public SimulatorSettings withSeedDemoInventory(boolean seed) {
        return new SimulatorSettings(bindAddress, port, basePath, account, password, callbackSecret,
                defaultCallbackUrl, createDelay, powerDelay, stateFile, seed, methodDelays, guacdPort,
                ukeyMiddlewarePort, guestAgentDelay, hostScale);
    }

    /** A copy in which SDK method {@code method} takes {@code delay} to finish. */
    public SimulatorSettings withMethodDelay(String method, Duration delay) {
        Map<String, Duration> delays = new HashMap<>(methodDelays);
        delays.put(Objects.requireNonNull(method, "method"), Objects.requireNonNull(delay, "delay"));
        return new SimulatorSettings(bindAddress, port, basePath, account, password, callbackSecret,
                defaultCallbackUrl, createDelay, powerDelay, stateFile, seedDemoInventory, delays, guacdPort,
                ukeyMiddlewarePort, guestAgentDelay, hostScale);
    }

    /** A copy whose guest agents start {@code delay} after their VM reaches "running". */
    public SimulatorSettings withGuestAgentDelay(Duration delay) {
        return new SimulatorSettings(bindAddress, port, basePath, account, password, callbackSecret,
                defaultCallbackUrl, createDelay, powerDelay, stateFile, seedDemoInventory, methodDelays, guacdPort,
                ukeyMiddlewarePort, delay, hostScale);
    }

    /** A copy whose simulated guacd listens on {@code port}: 0 for a free one, -1 for none. */
    public SimulatorSettings withGuacdPort(int port) {
        return new SimulatorSettings(bindAddress, this.port, basePath, account, password, callbackSecret,
                defaultCallbackUrl, createDelay, powerDelay, stateFile, seedDemoInventory, methodDelays, port,
                ukeyMiddlewarePort, guestAgentDelay, hostScale);
    }

    /**
     * A copy whose software UKEY middleware listens on 127.0.0.1:{@code port}: 0 for a free port,
     * -1 for none.
     */
    public SimulatorSettings withUkeyMiddlewarePort(int port) {
        return new SimulatorSettings(bindAddress, this.port, basePath, account, password, callbackSecret,
                defaultCallbackUrl, createDelay, powerDelay, stateFile, seedDemoInventory, methodDelays, guacdPort,
                port, guestAgentDelay, hostScale);
    }

    /** A copy whose demo hosts have {@code scale} times their vCPUs and memory (1 to 64). */
    public SimulatorSettings withHostScale(int scale) {
        return new SimulatorSettings(bindAddress, port, basePath, account, password, callbackSecret,
                defaultCallbackUrl, createDelay, powerDelay, stateFile, seedDemoInventory, methodDelays, guacdPort,
                ukeyMiddlewarePort, guestAgentDelay, scale);
    }

    /**
     * How long SDK method {@code method} takes to finish: as set by {@link #withMethodDelay},
     * else {@code createDelay} for {@code createVm} and {@code installVm} and {@code powerDelay}
     * for the others.
     */
    public Duration delayOf(String method) {
        Duration set = methodDelays.get(method);
        if (set != null) {
            return set;
        }
        return "createVm".equals(method) || "installVm".equals(method) ? createDelay : powerDelay;
    }

    /** Leaves the password and the callback secret out. */
    @Override
    public String toString() {
        return "SimulatorSettings[bind=" + bindAddress + ":" + port + ", basePath=" + basePath
                + ", account=" + account + ", defaultCallbackUrl=" + defaultCallbackUrl
                + ", createDelay=" + createDelay + ", powerDelay=" + powerDelay
                + ", methodDelays=" + methodDelays + ", stateFile=" + stateFile
                + ", seedDemoInventory=" + seedDemoInventory + ", guacdPort=" + guacdPort
                + ", guestAgentDelay=" + guestAgentDelay + ", hostScale=" + hostScale
                + ", ukeyMiddlewarePort=" + ukeyMiddlewarePort + "]";
    }
}
