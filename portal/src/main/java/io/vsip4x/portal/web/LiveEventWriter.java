package io.vsip4x.portal.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes live events with the change they announce: the events of a transaction are stored
 * just before it commits (one rollback, no event), events outside a transaction (or after its
 * commit, from a completion callback) in a short transaction of their own.
 */
@Component
class LiveEventWriter {

    private final LiveEventLog log;
    private final TransactionTemplate separate;

    LiveEventWriter(LiveEventLog log, PlatformTransactionManager transactions) {
        this.log = log;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Stores {@code event} with the current transaction, or at once outside one. */
    void write(LiveEvent event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            writeAlone(List.of(event));
            return;
        }
        Batch batch = null;
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Batch b && b.owner() == this) {
                batch = b;
            }
        }
        if (batch == null) {
            batch = new Batch();
            TransactionSynchronizationManager.registerSynchronization(batch);
        }
        batch.add(event);
    }

    private void writeAlone(List<LiveEvent> events) {
        separate.executeWithoutResult(status -> log.insert(events));
    }

    /** The events of one transaction. */
    private final class Batch implements TransactionSynchronization {

        private final Set<LiveEvent> events = new LinkedHashSet<>();
        private boolean written;

        LiveEventWriter owner() {
            return LiveEventWriter.this;
        }

        void add(LiveEvent event) {
            if (written) {
                // Published while the transaction completes (from another callback): on its own.
                writeAlone(List.of(event));
            } else {
                // The same signal twice in one transaction says nothing more: stored once.
                events.add(event);
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!readOnly && !events.isEmpty()) {
                log.insert(List.copyOf(events));
                events.clear();
                written = true;
            }
        }

        @Override
        public void afterCompletion(int status) {
            // Events of a read-only transaction, or published after the commit began.
            if (status == STATUS_COMMITTED && !events.isEmpty()) {
                List<LiveEvent> rest = List.copyOf(events);
                events.clear();
                writeAlone(rest);
            }
            written = true;
        }
    }
}
