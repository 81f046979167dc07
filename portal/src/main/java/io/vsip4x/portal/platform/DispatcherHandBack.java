package io.vsip4x.portal.platform;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stops the dispatcher at the start of shutdown, right after the node turns draining and before the
 * web server and the database go: the sends under way finish (up to
 * {@code portal.cluster.shutdown-wait}) and the operations claimed and not yet sent go back to the
 * queue for another node. A node killed outright skips this; the takeover covers it.
 */
@Component
class DispatcherHandBack implements SmartLifecycle {

    private final OperationDispatcher dispatcher;
    private volatile boolean running;

    DispatcherHandBack(OperationDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        dispatcher.handBack();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One below the node's own phase: it stops right after the node turns draining. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 1;
    }
}
