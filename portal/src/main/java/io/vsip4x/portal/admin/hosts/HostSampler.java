package io.vsip4x.portal.admin.hosts;

import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.MonitorSample;
import io.vsip4x.sdk.model.Monitoring;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Samples every online host ({@code searchHostList}) with one {@code getHostMonitorInfo} call per
 * {@code portal.admin.hosts.chunk-size} ids, stores one sample per host stamped with the portal's
 * clock, then deletes the samples older than {@code portal.admin.hosts.retention}. A platform that
 * cannot be reached or refuses a chunk ends the run, or that chunk, with one log line.
 */
@Component
class HostSampler {

    private static final Logger log = LoggerFactory.getLogger(HostSampler.class);
    /** At most this many delete batches per run, so one run stays short; the rest waits for the next. */
    private static final int MAX_BATCHES = 500;

    private final HostSampleRepository repository;
    private final PlatformClient platform;
    private final HostProperties properties;
    private final Clock clock;

    HostSampler(HostSampleRepository repository, PlatformClient platform, HostProperties properties, Clock clock) {
        this.repository = repository;
        this.platform = platform;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Samples every online host once and prunes old samples.
     *
     * @return how many samples were stored
     */
    int run() {
        long now = clock.instant().getEpochSecond();
        int stored = 0;
        try {
            List<String> ids = platform.call(c -> c.searchHostList(Map.of())).stream()
                    .filter(HostInfo::online).map(HostInfo::hostId).toList();
            for (int i = 0; i < ids.size(); i += properties.chunkSize()) {
                List<HostSample> samples = sample(ids.subList(i, Math.min(ids.size(), i + properties.chunkSize())),
                        now);
                if (!samples.isEmpty()) {
                    repository.insert(samples);
                    stored += samples.size();
                }
            }
            log.debug("Host monitoring sampled {} of {} online hosts", stored, ids.size());
        } catch (RuntimeException e) {
            log.warn("Host monitoring stopped after {} samples: the platform failed ({})", stored, e.toString());
        }
        prune(now - properties.retention().toSeconds());
        return stored;
    }

    private List<HostSample> sample(List<String> chunk, long now) {
        Monitoring answer = platform.call(c -> c.getHostMonitorInfo(chunk));
        if (!answer.result().ok()) {
            log.info("The platform refused the monitoring of {} hosts with code {}", chunk.size(),
                    answer.result().code());
            return List.of();
        }
        List<HostSample> samples = new ArrayList<>();
        for (String id : chunk) {
            MonitorSample entry = answer.samples().get(id);
            if (entry != null) {
                HostSample.of(id, entry, now).ifPresentOrElse(samples::add,
                        () -> log.info("Left out a sample of host '{}' with figures out of bounds", id));
            }
        }
        return samples;
    }

    private void prune(long before) {
        for (int i = 0; i < MAX_BATCHES; i++) {
            if (repository.deleteBefore(before, properties.deleteBatch()) < properties.deleteBatch()) {
                return;
            }
        }
    }
}
