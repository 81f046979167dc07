package io.vsip4x.simulator.ukey;

import io.vsip4x.sdk.ukey.Sm2;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys the software middleware holds, like USB slots: a key is inserted (and can sign),
 * or pulled out (and is absent), and counts its wrong PINs; {@link #MAX_WRONG_PINS} of them
 * in a row lock it, as on a real key, until it is unblocked with its PUK (pulling it out and
 * putting it back changes nothing). Thread-safe.
 */
final class UkeySlots {

    /** Wrong PINs in a row that lock a key. */
    static final int MAX_WRONG_PINS = 5;

    private final Map<String, Slot> slots = new HashMap<>();

    /** How signing went. */
    enum Result {
        /** Signed with the key. */
        SIGNED,
        /** No key with that sid is inserted. */
        ABSENT,
        /** The PIN was wrong; the key is not locked yet. */
        WRONG_PIN,
        /** The key is locked by wrong PINs. */
        LOCKED
    }

    /** How unblocking went. */
    enum Unblock {
        /** The key's wrong-PIN count is cleared. */
        UNBLOCKED,
        /** No key with that sid is inserted. */
        ABSENT,
        /** The PUK was wrong; nothing changed. */
        WRONG_PUK
    }

    /**
     * What signing answered.
     *
     * @param result    how it went
     * @param key       the key, when inserted
     * @param signature the Base64 SM3withSM2 signature when {@link Result#SIGNED}; never shown by
     *                  {@link #toString()}
     * @param triesLeft wrong PINs left before the key locks
     */
    record Outcome(Result result, IssuedUkey key, String signature, int triesLeft) {

        @Override
        public String toString() {
            return "Outcome[" + result + ", triesLeft=" + triesLeft + "]";
        }
    }

    /**
     * Inserts {@code key}. The same key (same certificate) pulled out before comes back with its
     * wrong-PIN count, locked if it was; another key with the same sid replaces it with none.
     */
    synchronized void insert(IssuedUkey key) {
        Slot slot = slots.get(key.sid());
        if (slot != null && slot.key.certificate().equals(key.certificate())) {
            slot.present = true;
        } else {
            slots.put(key.sid(), new Slot(key));
        }
    }

    /**
     * Inserts again the key {@code sid} pulled out before, with its wrong-PIN count (locked if it was).
     *
     * @return {@code false} when the middleware never held key {@code sid}
     */
    synchronized boolean reinsert(String sid) {
        Slot slot = slots.get(sid);
        if (slot == null) {
            return false;
        }
        slot.present = true;
        return true;
    }

    /**
     * Pulls key {@code sid} out: it is absent until inserted again.
     *
     * @return {@code false} when the middleware never held key {@code sid}
     */
    synchronized boolean remove(String sid) {
        Slot slot = slots.get(sid);
        if (slot == null) {
            return false;
        }
        slot.present = false;
        return true;
    }

    /** Forgets key {@code sid} altogether. */
    synchronized void forget(String sid) {
        slots.remove(sid);
    }

    /** The inserted keys, ordered by certificate user, then sid. */
    synchronized List<IssuedUkey> inserted() {
        return slots.values().stream().filter(slot -> slot.present).map(slot -> slot.key)
                .sorted(Comparator.comparing(IssuedUkey::certUser).thenComparing(IssuedUkey::sid))
                .toList();
    }

    /** Signs the UTF-8 bytes of {@code data} with key {@code sid} when it is inserted and {@code pin} is right. */
    synchronized Outcome sign(String sid, String pin, String data) {
        Slot slot = slots.get(sid);
        if (slot == null || !slot.present) {
            return new Outcome(Result.ABSENT, null, null, 0);
        }
        if (slot.wrongPins >= MAX_WRONG_PINS) {
            return new Outcome(Result.LOCKED, slot.key, null, 0);
        }
        if (!matches(IssuedUkey.DEMO_PIN, pin)) {
            slot.wrongPins++;
            int left = MAX_WRONG_PINS - slot.wrongPins;
            return new Outcome(left == 0 ? Result.LOCKED : Result.WRONG_PIN, slot.key, null, left);
        }
        slot.wrongPins = 0;
        String signature = Sm2.sign(slot.key.privateKey(), data.getBytes(StandardCharsets.UTF_8));
        return new Outcome(Result.SIGNED, slot.key, signature, MAX_WRONG_PINS);
    }

    /**
     * Clears the wrong-PIN count of the inserted key {@code sid}, locked or not, when {@code puk} is
     * its PUK. Wrong PUKs are not counted: the stand-in never locks a key for good.
     */
    synchronized Unblock unblock(String sid, String puk) {
        Slot slot = slots.get(sid);
        if (slot == null || !slot.present) {
            return Unblock.ABSENT;
        }
        if (!matches(IssuedUkey.DEMO_PUK, puk)) {
            return Unblock.WRONG_PUK;
        }
        slot.wrongPins = 0;
        return Unblock.UNBLOCKED;
    }

    /** Whether {@code given} is {@code secret}, compared in constant time. */
    private static boolean matches(String secret, String given) {
        return MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** One key and its state. */
    private static final class Slot {

        private final IssuedUkey key;
        private boolean present = true;
        private int wrongPins;

        Slot(IssuedUkey key) {
            this.key = key;
        }
    }
}
