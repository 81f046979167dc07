package io.vsip4x.portal.admin.hosts;

import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Service;

/** A host's stored samples of the last hour, for its charts. */
@Service
class HostMonitoring {

    private static final Duration SHOWN = Duration.ofHours(1);

    private final HostSampleRepository repository;
    private final Clock clock;

    HostMonitoring(HostSampleRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The samples of {@code hostId} taken in the last hour; empty series for a host never sampled. */
    HostSeries lastHour(String hostId) {
        long until = clock.instant().getEpochSecond();
        long from = until - SHOWN.toSeconds();
        return HostSeries.of(hostId, from, until, repository.samples(hostId, from));
    }
}
