package io.vsip4x.portal.monitoring;

import static io.vsip4x.portal.monitoring.MonitoringRepository.BUCKET_SECONDS;

import java.time.Clock;
import java.util.OptionalLong;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the monitoring tables small. Raw samples are rolled up into ten-minute averages and
 * maxima once their bucket is complete, raw samples older than {@code portal.monitoring.raw-retention}
 * (2 hours) and buckets older than {@code portal.monitoring.rollup-retention} (2 days) are deleted,
 * {@code portal.monitoring.delete-batch} rows at a time. At steady state, sampling once a minute,
 * a running VM holds about 120 raw rows and 288 bucket rows: about 410 rows, some 60 bytes of
 * data each.
 */
@Component
class Downsampler {

    private static final Logger log = LoggerFactory.getLogger(Downsampler.class);
    /** At most this many batches per table and run, so one run stays short; the rest waits for the next. */
    private static final int MAX_BATCHES = 500;

    private final MonitoringRepository repository;
    private final MonitoringProperties properties;
    private final Clock clock;

    Downsampler(MonitoringRepository repository, MonitoringProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    /** What one run did. */
    public record Result(int bucketsWritten, int samplesDeleted, int bucketsDeleted) {
    }

    /**
     * Rolls up the complete buckets not rolled up yet, then prunes both tables. When the newest
     * bucket lies ahead of the clock (the clock was set back), every bucket still backed by raw
     * samples is rolled up again rather than none.
     */
    public Result run() {
        long now = clock.instant().getEpochSecond();
        long to = align(now);
        long earliest = align(now - properties.rawRetention().toSeconds());
        OptionalLong last = repository.lastRolledBucket();
        long from = last.isPresent() && last.getAsLong() < to
                ? Math.max(earliest, last.getAsLong() + BUCKET_SECONDS) : earliest;
        int written = from < to ? repository.rollUp(from, to) : 0;

        long rawCutoff = now - properties.rawRetention().toSeconds();
        long rollupCutoff = now - properties.rollupRetention().toSeconds();
        int samples = prune(limit -> repository.deleteSamplesBefore(rawCutoff, limit));
        int buckets = prune(limit -> repository.deleteRollupsBefore(rollupCutoff, limit));
        if (samples + buckets > 0) {
            log.debug("Monitoring kept small: {} bucket rows written, {} samples and {} buckets deleted", written,
                    samples, buckets);
        }
        return new Result(written, samples, buckets);
    }

    private int prune(IntUnaryOperator deleteBatch) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int deleted = deleteBatch.applyAsInt(properties.deleteBatch());
            total += deleted;
            if (deleted < properties.deleteBatch()) {
                break;
            }
        }
        return total;
    }

    private static long align(long epochSecond) {
        return epochSecond - Math.floorMod(epochSecond, BUCKET_SECONDS);
    }
}
