package io.vsip4x.simulator;

import com.sun.net.httpserver.HttpServer;
import io.vsip4x.sdk.callback.CallbackEvent;
import io.vsip4x.sdk.model.OperateLogEntry;
import io.vsip4x.sdk.ukey.Sm2;
import io.vsip4x.simulator.callback.CallbackDispatcher;
import io.vsip4x.simulator.console.ConsoleServer;
import io.vsip4x.simulator.console.SimulatedConsoles;
import io.vsip4x.simulator.faults.Faults;
import io.vsip4x.simulator.http.ApiHandler;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.inventory.DemoInventory;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.lifecycle.HostLifecycle;
import io.vsip4x.simulator.lifecycle.VmLifecycle;
import io.vsip4x.simulator.methods.AuditMethods;
import io.vsip4x.simulator.methods.MethodGroups;
import io.vsip4x.simulator.state.GuestState;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.StateFile;
import io.vsip4x.simulator.state.StoredState.StoredCallback;
import io.vsip4x.simulator.state.Vm;
import io.vsip4x.simulator.ukey.IssuedUkey;
import io.vsip4x.simulator.ukey.PlatformKey;
import io.vsip4x.simulator.ukey.RegisteredUkey;
import io.vsip4x.simulator.ukey.SimulatedUkeys;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Vsip4x platform on the JDK's HTTP server: the binding's endpoints over a seeded inventory,
 * VMs that go through their states after the configured delays, and signed callbacks.
 * {@link #stop()} keeps the state in memory and {@link #start()} resumes it on the same port,
 * which is how a test makes the platform unreachable for a while. Thread-safe.
 */
public final class Vsip4xSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Vsip4xSimulator.class);
    private static final int HTTP_THREADS = 4;
    private static final int ASYNC_THREADS = 2;
    private static final int CALLBACK_THREADS = 4;
    private static final int FAULT_THREADS = 2;

    private final SimulatorSettings settings;
    private final Inventory inventory;
    private final PlatformState state = new PlatformState();
    private final Faults faults;
    private final GuestAgentSwitch guestAgents;
    private final CallbackDispatcher callbacks;
    private final VmLifecycle lifecycle;
    private final HostLifecycle hostLifecycle;
    private final MethodRegistry registry = new MethodRegistry();
    private final MethodDelays delays;
    private final StateFile stateFile;
    private final PlatformKey platformKey;
    private final SimulatedUkeys ukeys;
    private final AuditMethods audit = new AuditMethods();
    private final Object saving = new Object();
    private final ConsoleServer guacd;
    private HttpServer server;
    private ExecutorService httpThreads;
    private ScheduledExecutorService asyncThreads;
    private ScheduledExecutorService callbackThreads;
    private ScheduledExecutorService faultThreads;
    private int boundPort = -1;
    private int boundGuacdPort = -1;
    private boolean loaded;

    /** A stopped simulator; nothing is bound or loaded before {@link #start()}. */
    public Vsip4xSimulator(SimulatorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.inventory = settings.seedDemoInventory() ? DemoInventory.create(settings.hostScale()) : Inventory.empty();
        this.stateFile = settings.stateFile() == null ? null : new StateFile(settings.stateFile());
        state.setGuestAgentDelay(settings.guestAgentDelay());
        this.guestAgents = new GuestAgentSwitch(state);
        this.faults = new Faults(state, registry::names,
                pool -> inventory.pools().stream().anyMatch(p -> p.id().equals(pool)));
        this.callbacks = new CallbackDispatcher(settings.callbackSecret(), CallbackDispatcher.RETRY_PAUSES,
                this::save, faults);
        this.delays = new MethodDelays(settings::delayOf, registry::names);
        this.lifecycle = new VmLifecycle(inventory, state, callbacks, delays::of, this::save);
        this.hostLifecycle = new HostLifecycle(inventory, state, callbacks, delays::of, this::save);
        MethodGroups.registerAll(registry, inventory, state, lifecycle, hostLifecycle, this::save);
        this.platformKey = PlatformKey.load(keyFile(settings.stateFile()));
        this.ukeys = new SimulatedUkeys(platformKey, Clock.systemUTC(), settings.seedDemoInventory());
        ukeys.authority().registerIn(registry);
        audit.registerIn(registry);
        callbacks.signWith(platformKey.privateKey());
        this.guacd = new ConsoleServer(settings.bindAddress(), new SimulatedConsoles(inventory, state));
    }

    /** The platform key's file beside the state file ({@code NAME.sm2-key.pem}), or {@code null}. */
    private static Path keyFile(Path stateFile) {
        return stateFile == null ? null : stateFile.resolveSibling(stateFile.getFileName() + ".sm2-key.pem");
    }

    /**
     * Loads the state file (on the first start only), binds, and resumes pending operations
     * and undelivered events. A restart binds the port bound before. Does nothing when running.
     *
     * @return this simulator
     * @throws UncheckedIOException  when the port or the guacd port cannot be bound
     * @throws IllegalStateException when the state file exists but cannot be read
     */
    public synchronized Vsip4xSimulator start() {
        if (server != null) {
            return this;
        }
        loadOnce();
        int port = boundPort >= 0 ? boundPort : settings.port();
        HttpServer http = HttpServers.bind(settings.bindAddress(), port, boundPort > 0);
        startGuacd(http);
        startMiddleware(http);
        String callbackUrl = settings.defaultCallbackUrl() == null ? null : settings.defaultCallbackUrl().toString();
        faultThreads = Threads.scheduled("vsip4x-sim-faults-", FAULT_THREADS);
        http.createContext("/", new ApiHandler(settings.basePath(), settings.account(), settings.password(),
                registry, callbackUrl, faults, faultThreads, platformKey::publicKeyPem, ukeys.authority()::portalKey,
                guestAgents));
        httpThreads = Threads.fixed("vsip4x-sim-http-", HTTP_THREADS);
        http.setExecutor(httpThreads);
        // Deliveries block on the receiver; their own threads keep a slow one from delaying VMs.
        asyncThreads = Threads.scheduled("vsip4x-sim-async-", ASYNC_THREADS);
        callbackThreads = Threads.scheduled("vsip4x-sim-callback-", CALLBACK_THREADS);
        lifecycle.attach(asyncThreads);
        hostLifecycle.attach(asyncThreads);
        callbacks.attach(callbackThreads);
        http.start();
        server = http;
        boundPort = http.getAddress().getPort();
        log.info("Vsip4x simulator bound to {}:{}, base URL {}", settings.bindAddress(), boundPort, baseUrl());
        return this;
    }

    /**
     * Closes the port and stops background work. VMs, pending operations and undelivered
     * events stay in memory (and in the state file) for the next {@link #start()}.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        server = null;
        guacd.stop();
        ukeys.stop();
        lifecycle.detach();
        hostLifecycle.detach();
        callbacks.detach();
        Threads.stop(asyncThreads, callbackThreads, faultThreads, httpThreads);
        save();
        log.info("Vsip4x simulator on port {} stopped", boundPort);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Whether the port is open. */
    public synchronized boolean running() {
        return server != null;
    }

    /**
     * The port bound by the last start.
     *
     * @throws IllegalStateException when the simulator never started
     */
    public synchronized int port() {
        if (boundPort < 0) {
            throw new IllegalStateException("The simulator has not been started");
        }
        return boundPort;
    }

    /**
     * The port of the simulated guacd (see {@link #consoles()}) bound by the last start; a
     * restart binds it again.
     *
     * @return the port, or -1 when the settings turned the guacd off
     * @throws IllegalStateException when the simulator never started
     */
    public synchronized int guacdPort() {
        if (boundPort < 0) {
            throw new IllegalStateException("The simulator has not been started");
        }
        return boundGuacdPort;
    }

    /**
     * The VMs' consoles as the simulated guacd shows them, with what its clients did: connections,
     * keys, screen text and image, clipboard; and the switch that makes a console stall.
     */
    public SimulatedConsoles consoles() {
        return guacd.consoles();
    }

    /**
     * The full URL of the REST service, e.g.
     * {@code http://127.0.0.1:PORT/vsip4xservice/services/restService}.
     *
     * @throws IllegalStateException when the simulator never started
     */
    public URI baseUrl() {
        String host = settings.bindAddress();
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + settings.basePath());
    }

    /** The settings it runs with. */
    public SimulatorSettings settings() {
        return settings;
    }

    /** The pools, hosts, templates, networks and images it offers. */
    public Inventory inventory() {
        return inventory;
    }

    /** The SDK methods it serves, by canonical name. */
    public Set<String> methods() {
        return registry.names();
    }

    /** Every VM, in creation order. */
    public List<Vm> vms() {
        return state.vms();
    }

    /** The VM with id {@code vmId}. */
    public Optional<Vm> vm(String vmId) {
        return state.vm(vmId);
    }

    /**
     * Forgets VM {@code vmId} at once, sending no event, as if it had never existed: for tests
     * that tidy up after themselves without waiting for a deletion. The platform's API has no
     * such method.
     */
    public void discard(String vmId) {
        state.remove(vmId);
    }

    /**
     * What the guest agent of VM {@code vmId} holds: addresses set, OS session, pushed files and
     * remote-view type; a fresh state when its agent was never used.
     */
    public GuestState guest(String vmId) {
        return state.guest(vmId);
    }

    /** The VMs' guest agents, which tests stop and start. */
    public GuestAgentSwitch guestAgents() {
        return guestAgents;
    }

    /** Holds events ({@code true}) or delivers the held ones, in order per VM ({@code false}). */
    public void pauseCallbacks(boolean paused) {
        callbacks.pause(paused);
        log.info("Callbacks {}", paused ? "paused" : "resumed");
    }

    /** Whether events are held. */
    public boolean callbacksPaused() {
        return callbacks.paused();
    }

    /** The events not delivered yet, in order per VM. */
    public List<CallbackEvent> pendingCallbacks() {
        return callbacks.pending().stream().map(StoredCallback::event).toList();
    }

    /**
     * The faults to inject: methods answering a code, slowly or not at all, the platform down,
     * callbacks dropped, duplicated, delayed or reordered. Also served at
     * {@code {base}/admin/faults}; see the module's README.
     */
    public Faults faults() {
        return faults;
    }

    /**
     * Makes pool {@code poolId} report no room: {@code getCreateRemainder} answers
     * {@code rs} 0 and {@code availableNum} 0, and {@code createVm} answers 2002.
     *
     * @throws IllegalArgumentException for an unknown pool id
     */
    public void setCapacityExhausted(String poolId, boolean exhausted) {
        faults.exhaustCapacity(poolId, exhausted);
    }

    /** Makes asynchronous method {@code method} take {@code delay} from now on; {@code null}: as configured. */
    public void setMethodDelay(String method, Duration delay) {
        delays.set(method, delay);
    }

    /**
     * Makes pool {@code poolId} (an unknown one throws {@link IllegalArgumentException}) report classification
     * {@code level}, or its seeded one (0) again for {@code null}; for tests of clearance, not persisted.
     */
    public void setPoolClassification(String poolId, Long level) {
        inventory.pool(poolId).filter(p -> p.id().equals(poolId))
                .orElseThrow(() -> new IllegalArgumentException("No such pool: '" + poolId + "'"));
        state.setPoolClassification(poolId, level);
        log.info("Classification of pool '{}' {}", poolId, level == null ? "restored" : "set to " + level);
    }

    /**
     * Makes {@code operation} (an asynchronous SDK method) finish with its failure code; the
     * module's README lists the codes and what each failure leaves behind.
     *
     * @throws IllegalArgumentException for a method the simulator does not serve
     */
    public void setOperationFailing(String operation, boolean failing) {
        faults.failOperation(operation, failing);
    }

    /**
     * The platform's SM2 public key as PEM (also served at {@code GET {base}/admin/ukey/public-key}):
     * the portal seals UKEY envelopes for it and verifies callbacks with it. The key pair is
     * generated at the first start and kept beside the state file, or in memory without one.
     */
    public String platformPublicKey() {
        return platformKey.publicKeyPem();
    }

    /**
     * Sets the portal's SM2 public key as PEM: from then on every call must carry a valid SM2
     * signature of it (else HTTP 401, result 1003), and {@code ukeyLogin} answers are sealed for
     * it. {@code null} turns both off, so calls need no signature and {@code ukeyLogin} answers 9999.
     *
     * @throws IllegalArgumentException when {@code pem} is not an SM2 public key
     */
    public void setPortalPublicKey(String pem) {
        ukeys.authority().setPortalKey(pem == null ? null : Sm2.publicKey(pem));
        log.info("Signed calls {}", pem == null ? "no longer required" : "required from now on");
    }

    /**
     * Registers a UKEY, replacing one with the same {@code sid}. The two demo UKEYs
     * ({@code UK-DEMO-0001}, {@code UK-DEMO-0002}; see the module's README) are registered at start.
     *
     * @param publicKeyPem the UKEY's SM2 public key as PEM
     */
    public void registerUkey(String certUser, String sid, String publicKeyPem, String userId, String userName) {
        ukeys.authority().register(new RegisteredUkey(certUser, sid, Sm2.publicKey(publicKeyPem), userId, userName));
        log.info("Registered UKEY '{}' of user '{}'", sid, userId);
    }

    /**
     * Issues a UKEY from the simulator's SM2 certificate authority (a fresh key pair and an
     * SM3withSM2 certificate for {@code certUser}, valid for a year), registers it for
     * {@code ukeyLogin} (replacing one with the same {@code sid}) and inserts it into the software
     * middleware. Its PIN is {@link IssuedUkey#DEMO_PIN}.
     */
    public IssuedUkey issueUkey(String certUser, String sid, String userId, String userName) {
        return ukeys.issue(certUser, sid, userId, userName);
    }

    /**
     * As {@link #issueUkey(String, String, String, String)}, with a certificate valid from
     * {@code notBefore} to {@code notAfter}: a past or future period makes {@code ukeyLogin}
     * answer 1003 for it.
     *
     * @throws IllegalArgumentException when {@code notAfter} is before {@code notBefore}
     */
    public IssuedUkey issueUkey(String certUser, String sid, String userId, String userName, Instant notBefore,
            Instant notAfter) {
        return ukeys.issue(certUser, sid, userId, userName, notBefore, notAfter);
    }

    /**
     * The UKEYs issued at start for the portal's demo accounts when the demo inventory is seeded
     * (certUser the username, sid {@code SIM-UK-USERNAME}, user id {@code pu-username}); empty
     * otherwise. Their keys are new at every start; sids and user ids stay.
     */
    public List<IssuedUkey> demoUkeys() {
        return ukeys.demo();
    }

    /** The software UKEY middleware's base URL ({@code http://127.0.0.1:PORT}), or {@code null} when off. */
    public URI ukeyMiddlewareUrl() {
        return ukeys.middlewareUrl();
    }

    /**
     * Inserts {@code key} into the software middleware (again). A key locked by wrong PINs stays
     * locked, as a real key does ({@link #unblockUkey} unblocks it). The platform knows it while
     * issued and not revoked.
     */
    public void insertUkey(IssuedUkey key) {
        ukeys.middleware().insert(key);
    }

    /**
     * Unblocks UKEY {@code sid} in the software middleware as its PUK would, clearing its wrong PINs.
     *
     * @return {@code false} when that key is not inserted
     */
    public boolean unblockUkey(String sid) {
        return ukeys.middleware().unblock(sid);
    }

    /** Pulls UKEY {@code sid} out of the software middleware; unknown sids are ignored. */
    public void removeUkey(String sid) {
        ukeys.middleware().remove(sid);
    }

    /** Makes the platform forget UKEY {@code sid}: {@code ukeyLogin} answers 1001 for it from then on. */
    public void revokeUkey(String sid) {
        ukeys.revoke(sid);
    }

    /** The {@code operateLog} records received, oldest first (the latest 1000, in memory only). */
    public List<OperateLogEntry> operateLogs() {
        return audit.entries();
    }

    /**
     * Runs a simulator until the process ends. Options: see {@code --help}; a bad option prints
     * the usage and exits with status 2.
     *
     * @throws InterruptedException when interrupted while running
     */
    public static void main(String[] args) throws InterruptedException {
        Standalone.run(args);
    }

    private void loadOnce() {
        if (loaded) {
            return;
        }
        if (stateFile != null) {
            stateFile.load().ifPresent(stored -> {
                state.restore(stored);
                callbacks.restore(stored.callbacks());
            });
        }
        loaded = true;
        save();
    }

    /** Starts the simulated guacd unless turned off; on failure closes {@code http} too. */
    private void startGuacd(HttpServer http) {
        if (settings.guacdPort() < 0) {
            return;
        }
        try {
            guacd.start(boundGuacdPort >= 0 ? boundGuacdPort : settings.guacdPort());
        } catch (RuntimeException e) {
            http.stop(0);
            throw e;
        }
        boundGuacdPort = guacd.port();
    }

    /** Starts the software UKEY middleware unless turned off; on failure closes what started. */
    private void startMiddleware(HttpServer http) {
        try {
            ukeys.start(settings.ukeyMiddlewarePort());
        } catch (RuntimeException e) {
            http.stop(0);
            guacd.stop();
            throw e;
        }
    }

    /** Writes the state file, when there is one; a failure is logged, the simulator goes on. */
    private void save() {
        if (stateFile == null) {
            return;
        }
        synchronized (saving) {
            try {
                stateFile.save(state.snapshot(callbacks.pending()));
            } catch (UncheckedIOException e) {
                log.error("Could not save the simulator state to '{}'", stateFile.path(), e);
            }
        }
    }
}
