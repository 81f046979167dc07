package io.vsip4x.portal.platform;

import io.vsip4x.simulator.SimulatorSettings;
import io.vsip4x.simulator.Vsip4xSimulator;
import java.net.URI;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator of the default run: in this process, on its own loopback port, its state kept
 * under the data folder. The portal reaches it over HTTP like a real platform.
 */
public class EmbeddedSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSimulator.class);

    private final Vsip4xSimulator simulator;

    EmbeddedSimulator(PlatformProperties properties, Path dataDir) {
        SimulatorSettings settings = SimulatorSettings.defaults()
                .withPort(properties.simulator().port())
                .withCredentials(properties.account(), properties.password())
                .withCallbackSecret(properties.callbackSecret())
                .withCreateDelay(properties.simulator().createDelay())
                .withPowerDelay(properties.simulator().powerDelay())
                .withStateFile(dataDir.resolve("simulator-state.json"));
        this.simulator = new Vsip4xSimulator(settings);
    }

    void start() {
        simulator.start();
        log.info("The simulated Vsip4x platform is listening on {}", baseUrl());
    }

    /** The REST base URL the adapter calls. */
    public URI baseUrl() {
        return URI.create(simulator.baseUrl().toString());
    }

    /** The port of the simulator's guacd, which draws its VMs' consoles; the embedded default's guacd. */
    public int guacdPort() {
        return simulator.guacdPort();
    }

    /** The simulator itself, for tests that inject faults. */
    public Vsip4xSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        simulator.stop();
    }
}
