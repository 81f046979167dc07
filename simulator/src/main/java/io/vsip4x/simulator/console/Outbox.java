package io.vsip4x.simulator.console;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one connection still has to send, written by a thread of its own so that a client that
 * reads slowly holds up nobody else; a client that falls {@value #CAPACITY} instructions behind
 * is disconnected. Thread-safe.
 */
final class Outbox implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int CAPACITY = 2000;
    /** Queued after the last instruction: nothing more is sent, the connection closes. */
    private static final String FINISH = "";

    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Writer writer;
    private final BooleanSupplier closed;
    private final Runnable close;
    private volatile Stall stall = new Stall();
    private volatile long lastSent = System.nanoTime();

    /**
     * @param closed whether the connection was closed
     * @param close  closes the connection; called when the outbox ends
     */
    Outbox(Writer writer, BooleanSupplier closed, Runnable close) {
        this.writer = writer;
        this.closed = closed;
        this.close = close;
    }

    /** Makes sending wait while {@code newStall} says so. */
    void stallWith(Stall newStall) {
        stall = newStall;
    }

    /** Queues one encoded instruction. */
    void send(String instruction) {
        if (!queue.offer(instruction)) {
            log.info("A console client fell {} instructions behind; disconnecting it", CAPACITY);
            close.run();
        }
    }

    /** Queues encoded instructions, in order. */
    void send(List<String> instructions) {
        instructions.forEach(this::send);
    }

    /** Closes the connection once everything queued so far is sent. */
    void finish() {
        send(FINISH);
    }

    /** Nanoseconds ({@link System#nanoTime()}) when something was last written. */
    long lastSent() {
        return lastSent;
    }

    @Override
    public void run() {
        try {
            while (!closed.getAsBoolean()) {
                String next = queue.take();
                if (next.isEmpty()) {
                    break;
                }
                stall.await(closed);
                writer.write(next);
                lastSent = System.nanoTime();
                if (queue.isEmpty()) {
                    writer.flush();
                }
            }
            writer.flush();
        } catch (IOException e) {
            log.debug("A console client stopped reading", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close.run();
        }
    }
}
