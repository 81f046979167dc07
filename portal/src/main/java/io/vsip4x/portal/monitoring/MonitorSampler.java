package io.vsip4x.portal.monitoring;

import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.sdk.codes.ResultCode;
import io.vsip4x.sdk.model.MonitorSample;
import io.vsip4x.sdk.model.Monitoring;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Samples the running VMs (active, status 1: the spec answers {@code getVmMonitorInfo} only for
 * running VMs) with one call per {@code portal.monitoring.chunk-size} ids, and stores one raw
 * sample per VM stamped with the portal's clock. A platform that cannot be reached or answers
 * badly ends the run with one log line and stores nothing of the bad answer; a sample with
 * figures out of bounds is left out.
 */
@Component
class MonitorSampler {

    private static final Logger log = LoggerFactory.getLogger(MonitorSampler.class);
    /** Codes that name one bad id of a chunk: the chunk is split to find it, so the others are still sampled. */
    private static final Set<String> ONE_BAD_ID = Set.of(ResultCode.VM_NOT_FOUND.code(),
            ResultCode.INVALID_PARAMETERS.code());

    private final MonitoringRepository repository;
    private final PlatformClient platform;
    private final MonitoringProperties properties;
    private final Clock clock;

    MonitorSampler(MonitoringRepository repository, PlatformClient platform, MonitoringProperties properties,
            Clock clock) {
        this.repository = repository;
        this.platform = platform;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Samples every running VM once.
     *
     * @return how many samples were stored
     */
    public int run() {
        List<String> ids = repository.runningVmIds();
        long now = clock.instant().getEpochSecond();
        Tally tally = new Tally();
        int stored = 0;
        for (int i = 0; i < ids.size(); i += properties.chunkSize()) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + properties.chunkSize()));
            List<Reading> readings;
            try {
                readings = sample(chunk, now, tally);
            } catch (RuntimeException e) {
                log.warn("Monitoring stopped after {} of {} running VMs: the platform failed ({})", stored,
                        ids.size(), e.toString());
                return stored;
            }
            if (!readings.isEmpty()) {
                repository.insert(readings);
                stored += readings.size();
            }
        }
        if (tally.any()) {
            log.warn("Monitoring sampled {} of {} running VMs: {} refused (last code {}), {} missing from the "
                    + "answers, {} with figures out of bounds", stored, ids.size(), tally.refused, tally.lastCode,
                    tally.missing, tally.outOfBounds);
        } else {
            log.debug("Monitoring sampled {} running VMs", stored);
        }
        return stored;
    }

    /** The readings of {@code chunk}; a chunk refused for one bad id is split in halves to sample the rest. */
    private List<Reading> sample(List<String> chunk, long now, Tally tally) {
        Monitoring answer = platform.call(client -> client.getVmMonitorInfo(chunk));
        if (!answer.result().ok()) {
            if (chunk.size() > 1 && ONE_BAD_ID.contains(answer.result().code())) {
                int half = chunk.size() / 2;
                List<Reading> both = new ArrayList<>(sample(chunk.subList(0, half), now, tally));
                both.addAll(sample(chunk.subList(half, chunk.size()), now, tally));
                return both;
            }
            tally.refused += chunk.size();
            tally.lastCode = answer.result().code();
            return List.of();
        }
        List<Reading> readings = new ArrayList<>();
        for (String id : chunk) {
            MonitorSample entry = answer.samples().get(id);
            if (entry == null) {
                tally.missing++;
                continue;
            }
            Reading.of(id, entry, now).ifPresentOrElse(readings::add, () -> tally.outOfBounds++);
        }
        return readings;
    }

    /** What went wrong in one run, told in one line at its end. */
    private static final class Tally {
        int refused;
        int missing;
        int outOfBounds;
        String lastCode;

        boolean any() {
            return refused + missing + outOfBounds > 0;
        }
    }
}
