package io.vsip4x.portal.admin.dashboard;

import io.vsip4x.portal.identity.ViewerZones;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.sdk.Vsip4xClient;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.Vsip4xRefusedException;
import io.vsip4x.sdk.model.SystemInfo;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The platform's licence as last read, for the banner every page shows platform admins. Pages never
 * wait for the platform here: {@link #banner()} answers from memory and, when what it knows is older
 * than {@link #FRESH} (or a failed read is older than {@link #RETRY}), reads again in the background
 * with the page-read time-out. Until the first read has answered there is no banner. A failed read
 * keeps the licence read before, and so does a refusal. The dashboard's own reads ({@link #read()}) refresh
 * it too. Days are counted from today in the portal's time zone ({@code portal.time-zone}), not in UTC.
 */
@Component
public class LicenceWatch {

    /** How long a licence read is used before it is read again. */
    static final Duration FRESH = Duration.ofMinutes(5);
    /** How long after a failed read the next one is tried. */
    static final Duration RETRY = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(LicenceWatch.class);

    /** What was last read ({@code null} before any read answered) and when to read again. */
    private record Known(String version, String expiry, boolean read, Instant readAgainAt) {
    }

    private final PlatformClient platform;
    private final Clock clock;
    private final ZoneId zone;
    private final AtomicReference<Known> known = new AtomicReference<>(new Known(null, null, false, Instant.MIN));
    private final AtomicBoolean reading = new AtomicBoolean();
    private final ExecutorService background = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "licence-watch");
        thread.setDaemon(true);
        return thread;
    });

    LicenceWatch(PlatformClient platform, Clock clock, ViewerZones zones) {
        this.platform = platform;
        this.clock = clock;
        this.zone = zones.portalZone();
    }

    /** Today in the portal's time zone ({@code portal.time-zone}), where the licence's dates are read. */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /**
     * The licence to warn platform admins about today ({@link Licence#warns()}), or {@code null} when
     * there is none or it is not known yet. Never waits for the platform.
     */
    public Licence banner() {
        Known now = known.get();
        if (!clock.instant().isBefore(now.readAgainAt())) {
            readInBackground();
        }
        if (!now.read()) {
            return null;
        }
        Licence licence = Licence.of(now.version(), now.expiry(), today());
        return licence.warns() ? licence : null;
    }

    /**
     * Reads the licence from the platform now (one try, the page-read time-out) and keeps it. A refusal
     * (a non-zero result code) is a failed read, not a licence without an expiry.
     *
     * @throws Vsip4xRefusedException when the platform refuses the read
     * @throws Vsip4xException        when the platform cannot be reached or does not answer
     */
    Licence read() {
        try {
            SystemInfo info = platform.read(Vsip4xClient::getSystemInfo);
            if (!info.result().ok()) {
                throw new Vsip4xRefusedException("getSystemInfo", info.result().code(), info.result().info());
            }
            known.set(new Known(info.version(), info.expiredDate(), true, clock.instant().plus(FRESH)));
            return Licence.of(info.version(), info.expiredDate(), today());
        } catch (Vsip4xException e) {
            known.updateAndGet(k -> new Known(k.version(), k.expiry(), k.read(), clock.instant().plus(RETRY)));
            throw e;
        }
    }

    private void readInBackground() {
        if (!reading.compareAndSet(false, true)) {
            return;
        }
        try {
            background.execute(() -> {
                try {
                    read();
                } catch (Vsip4xException e) {
                    log.info("The platform's licence could not be read: {}", e.getMessage());
                } finally {
                    reading.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            reading.set(false);
        }
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
