package io.vsip4x.portal.platform;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operations whose claims this node's dispatcher holds in this process: claimed and not started
 * yet, or being sent now. Only their leases move on at the node's heartbeats; a claim of this node
 * that is in neither (its send broke off on an exception or a dying thread) runs out and is taken
 * over by {@link ClaimTakeover} as a dead node's would be. An operation moves from claimed to being
 * sent without ever being in neither set.
 */
final class HeldClaims {

    private final Set<Long> unstarted = ConcurrentHashMap.newKeySet();
    private final Set<Long> sending = ConcurrentHashMap.newKeySet();

    /** Operations just claimed, to be sent in a coming round. */
    void claimed(Collection<Long> ids) {
        unstarted.addAll(ids);
    }

    /** Starts sending {@code id}; false when it is not claimed and unstarted (any more). */
    boolean start(long id) {
        sending.add(id);
        if (unstarted.remove(id)) {
            return true;
        }
        sending.remove(id);
        return false;
    }

    /** Marks {@code id} as being sent (a claim taken over and sent at once). */
    void sending(long id) {
        sending.add(id);
    }

    /** The send of {@code id} is over, however it ended. */
    void done(long id) {
        sending.remove(id);
    }

    /** The claimed operations not started yet, oldest first. */
    List<Long> unstarted() {
        return unstarted.stream().sorted().toList();
    }

    /** How many claimed operations are not started yet. */
    int unsent() {
        return unstarted.size();
    }

    /** Takes out the claimed operations not started yet, so that none of them is started after. */
    List<Long> takeUnstarted() {
        return unstarted.stream().filter(unstarted::remove).toList();
    }

    /** Every operation held now; the unstarted ones read first, as {@link #start} adds before it removes. */
    Set<Long> all() {
        Set<Long> all = new HashSet<>(unstarted);
        all.addAll(sending);
        return all;
    }
}
