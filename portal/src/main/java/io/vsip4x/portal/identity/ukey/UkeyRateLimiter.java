package io.vsip4x.portal.identity.ukey;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * How often one client address may call the UKEY sign-in's unauthenticated endpoints (a challenge,
 * a signed answer): a token bucket per address, in this node's memory, that holds {@code burst}
 * calls and refills {@code perMinute} a minute. Nothing is trusted of proxy headers: the address
 * is the connection's. Buckets idle long enough to be full again are forgotten.
 */
@Component
public class UkeyRateLimiter {

    /**
     * What became of one call.
     *
     * @param allowed      whether it may go on
     * @param retryAfter   seconds until the address may call again (0 when allowed)
     * @param firstRefusal whether it is the address's first refused call for a minute (the one to log)
     */
    public record Decision(boolean allowed, long retryAfter, boolean firstRefusal) {
    }

    private static final long MINUTE_MILLIS = 60_000;
    /** The buckets are swept of idle addresses every so many calls. */
    private static final int SWEEP_EVERY = 1024;

    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile UkeyRateLimits limits;

    UkeyRateLimiter(UkeyRateLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Counts one call of {@code address} and says whether it may go on. */
    public Decision acquire(String address) {
        long now = clock.millis();
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
        UkeyRateLimits current = limits;
        Bucket bucket = buckets.computeIfAbsent(address == null ? "" : address, a -> new Bucket(current.burst(), now));
        return bucket.take(current, now);
    }

    /** The limits in force. */
    public UkeyRateLimits limits() {
        return limits;
    }

    /**
     * Sets other limits at run time and forgets every address's count (tests set a small limit for
     * a while; the configured limits are {@code portal.ukey.rate-limit.*}).
     */
    public void reconfigure(UkeyRateLimits changed) {
        limits = changed;
        buckets.clear();
    }

    /** How many addresses are remembered. */
    int remembered() {
        return buckets.size();
    }

    /** Forgets the addresses idle long enough for their buckets to be full again and their last log a minute old. */
    void sweep(long now) {
        UkeyRateLimits current = limits;
        long refill = (long) Math.ceil((double) current.burst() * MINUTE_MILLIS / current.perMinute());
        buckets.entrySet().removeIf(e -> e.getValue().idleSince(now, Math.max(refill, MINUTE_MILLIS)));
    }

    /**
     * One address's bucket, in exact whole units: a call costs a minute's worth ({@value #MINUTE_MILLIS}),
     * and each millisecond adds {@code perMinute}; also when the address last logged a refusal.
     */
    private static final class Bucket {

        private long credit;
        private long filledAt;
        private boolean logged;
        private long loggedAt;

        Bucket(int burst, long now) {
            this.credit = burst * MINUTE_MILLIS;
            this.filledAt = now;
        }

        synchronized Decision take(UkeyRateLimits limits, long now) {
            long capacity = limits.burst() * MINUTE_MILLIS;
            long elapsed = Math.min(Math.max(0, now - filledAt), MINUTE_MILLIS * MINUTE_MILLIS);
            credit = Math.min(capacity, credit + elapsed * limits.perMinute());
            filledAt = now;
            if (credit >= MINUTE_MILLIS) {
                credit -= MINUTE_MILLIS;
                return new Decision(true, 0, false);
            }
            long waitMillis = (MINUTE_MILLIS - credit + limits.perMinute() - 1) / limits.perMinute();
            long retryAfter = Math.max(1, (waitMillis + 999) / 1000);
            boolean first = !logged || now - loggedAt >= MINUTE_MILLIS;
            if (first) {
                logged = true;
                loggedAt = now;
            }
            return new Decision(false, retryAfter, first);
        }

        synchronized boolean idleSince(long now, long idle) {
            return now - filledAt >= idle;
        }
    }
}
