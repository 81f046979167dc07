package io.vsip4x.portal.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes console recordings past their retention every {@code portal.console.recording-purge-interval}
 * (an hour by default).
 */
@Component
class RecordingRetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RecordingRetentionJob.class);

    private final RecordingArchive recordings;

    RecordingRetentionJob(RecordingArchive recordings) {
        this.recordings = recordings;
    }

    @Scheduled(fixedDelayString = "${portal.console.recording-purge-interval:1h}",
            initialDelayString = "${portal.console.recording-purge-delay:5m}")
    void run() {
        try {
            int purged = recordings.purge();
            if (purged > 0) {
                log.info("Deleted {} console recordings past their retention", purged);
            }
        } catch (RuntimeException e) {
            log.error("The console recordings' retention job failed; it runs again on its next tick", e);
        }
    }
}
