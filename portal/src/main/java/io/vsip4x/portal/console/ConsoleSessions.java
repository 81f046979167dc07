package io.vsip4x.portal.console;

import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consoles open in browsers, on any node, as the database has them; and the only way to end one
 * from elsewhere (a take-over, an admin): the node holding it closes it within
 * {@code portal.console.sweep}, at once when it is this one.
 */
@Service
public class ConsoleSessions {

    private final ConsoleSessionRows rows;
    private final ConsoleSessionRepository sessions;
    private final ConsoleTunnels tunnels;
    private final TransactionTemplate outsideTransaction;

    ConsoleSessions(ConsoleSessionRows rows, ConsoleSessionRepository sessions, ConsoleTunnels tunnels,
            PlatformTransactionManager transactions) {
        this.rows = rows;
        this.sessions = sessions;
        this.tunnels = tunnels;
        this.outsideTransaction = new TransactionTemplate(transactions);
        this.outsideTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    /** The consoles of {@code vmId} open now, oldest first. */
    @Transactional(readOnly = true)
    public List<ConsoleSessionRows.OpenConsole> open(String vmId) {
        return rows.open(vmId);
    }

    /** The consoles open now in the tenant {@code tenantIdOrNullForAll}, or in every tenant for {@code null}. */
    @Transactional(readOnly = true)
    public List<ConsoleSessionRows.OpenConsole> openInTenant(Long tenantIdOrNullForAll) {
        return rows.openInTenant(tenantIdOrNullForAll);
    }

    /**
     * Asks the open console {@code sessionId} to end; the node that holds it closes it and records
     * {@code reason} as why. A console that is closed already, or asked to end already, is left as it is.
     * When this node holds it, its tunnel closes once the caller's transaction commits (the request's
     * row stays locked until then), or at once outside a transaction.
     *
     * @param reason   {@code TAKEN_OVER}, {@code ENDED_BY_ADMIN} or {@code ACCESS_LOST}
     * @param byUserId who asks
     * @return whether this call asked it to end
     * @throws IllegalArgumentException for any other reason
     */
    public boolean requestEnd(long sessionId, String reason, long byUserId) {
        ConsoleReason word = ConsoleReason.of(reason);
        if (word == null || !ConsoleReason.requestable(word)) {
            throw new IllegalArgumentException("A console cannot be asked to end for '" + reason + "'");
        }
        if (!sessions.requestEnd(sessionId, word.name(), byUserId)) {
            return false;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    // The committed transaction's connection is still bound here: closing the row and
                    // logging it must not run on it, where nothing would commit them.
                    outsideTransaction.executeWithoutResult(status -> tunnels.endRequested(sessionId, word));
                }
            });
        } else {
            tunnels.endRequested(sessionId, word);
        }
        return true;
    }
}
