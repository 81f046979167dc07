package io.vsip4x.simulator.ukey;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's UKEY side: the certificate authority, the platform's {@code ukeyLogin}
 * registry, the software middleware and the demo keys issued for the portal's demo accounts.
 * Thread-safe.
 */
public final class SimulatedUkeys {

    /** The portal's demo accounts a UKEY is issued for at seed time: username, display name. */
    static final List<List<String>> DEMO_ACCOUNTS = List.of(
            List.of("alice", "李爱丽"), List.of("dave", "戴维"), List.of("bob", "鲍勃"),
            List.of("erin", "艾琳"), List.of("paula", "宝拉"), List.of("sam", "萨姆"),
            List.of("audrey", "奥黛丽"));

    private static final Logger log = LoggerFactory.getLogger(SimulatedUkeys.class);

    private final UkeyCa ca;
    private final UkeyAuthority authority;
    private final SoftwareUkeyMiddleware middleware = new SoftwareUkeyMiddleware();
    private final List<IssuedUkey> demo;

    /**
     * A new authority and registry; with {@code seedDemo}, a UKEY for each demo account
     * (certUser the username, sid {@code SIM-UK-USERNAME}, user id {@code pu-username}) issued,
     * registered and inserted into the middleware.
     */
    public SimulatedUkeys(PlatformKey platformKey, Clock clock, boolean seedDemo) {
        this.ca = new UkeyCa(clock);
        this.authority = new UkeyAuthority(platformKey, clock, ca);
        this.demo = seedDemo ? DEMO_ACCOUNTS.stream().map(this::issueDemo).toList() : List.of();
        if (seedDemo) {
            log.info("Issued {} demo UKEYs (sids SIM-UK-USERNAME)", demo.size());
        }
    }

    private IssuedUkey issueDemo(List<String> account) {
        String username = account.get(0);
        return enrol(username, "SIM-UK-" + username.toUpperCase(Locale.ROOT), "pu-" + username,
                account.get(1));
    }

    /** The platform's {@code ukeyLogin}. */
    public UkeyAuthority authority() {
        return authority;
    }

    /** The certificate authority. */
    public UkeyCa ca() {
        return ca;
    }

    /** The software middleware; it listens only after {@link #start}. */
    public SoftwareUkeyMiddleware middleware() {
        return middleware;
    }

    /** The demo keys issued at seed time, in the order of the accounts; empty without a seed. */
    public List<IssuedUkey> demo() {
        return demo;
    }

    /**
     * Issues a UKEY, registers it for {@code ukeyLogin} (replacing one with the same sid) and
     * inserts it into the middleware.
     */
    public IssuedUkey issue(String certUser, String sid, String userId, String userName) {
        IssuedUkey key = enrol(certUser, sid, userId, userName);
        log.info("Issued UKEY '{}' of certificate user '{}' for user '{}'", sid, certUser, userId);
        return key;
    }

    private IssuedUkey enrol(String certUser, String sid, String userId, String userName) {
        IssuedUkey key = ca.issue(certUser, sid, userId, userName);
        authority.register(key.registration());
        middleware.insert(key);
        return key;
    }

    /** Makes the platform forget UKEY {@code sid}: {@code ukeyLogin} then answers 1001 for it. */
    public void revoke(String sid) {
        authority.forget(Objects.requireNonNull(sid, "sid"));
        log.info("UKEY '{}' revoked on the platform", sid);
    }

    /** Starts the middleware on 127.0.0.1:{@code port} (0 for a free one); -1 leaves it off. */
    public void start(int port) {
        if (port >= 0) {
            middleware.start(port);
        }
    }

    /** Stops the middleware, keeping its keys. */
    public void stop() {
        middleware.stop();
    }

    /** The middleware's base URL, or {@code null} when it is off. */
    public URI middlewareUrl() {
        return middleware.url();
    }
}
