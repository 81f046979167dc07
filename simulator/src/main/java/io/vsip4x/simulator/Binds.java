package io.vsip4x.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Binds the simulator's listening ports. A restart binds again the port its last start was given;
 * meanwhile any socket on the machine may have been given that port as its ephemeral local end (an
 * outgoing connection, say) and hold it for a moment. So a rebind is retried for a few seconds
 * before it fails; a first bind, on a configured or any free port, fails at once.
 */
public final class Binds {

    /** How long a rebind waits for its port to come free. */
    static final Duration REBIND_PATIENCE = Duration.ofSeconds(5);
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private Binds() {
    }

    /** One attempt to bind. */
    @FunctionalInterface
    public interface Bind<T> {
        /** Binds, or throws {@link BindException} while the port is held by another socket. */
        T bind() throws IOException;
    }

    /**
     * Binds with {@code bind}, retrying while the port is held when {@code rebind} (a restart on
     * the port bound before).
     *
     * @param failure what a failure says, with the address and port
     * @throws UncheckedIOException when it cannot bind, with {@code failure} as its message
     */
    public static <T> T bind(boolean rebind, String failure, Bind<T> bind) {
        long deadline = System.nanoTime() + REBIND_PATIENCE.toNanos();
        while (true) {
            try {
                return bind.bind();
            } catch (BindException e) {
                if (!rebind || System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
                    throw new UncheckedIOException(failure, e);
                }
                LockSupport.parkNanos(RETRY_NANOS);
            } catch (IOException e) {
                throw new UncheckedIOException(failure, e);
            }
        }
    }
}
