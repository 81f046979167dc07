package io.vsip4x.portal.monitoring;

import io.vsip4x.portal.web.FieldProblems;
import java.time.Duration;
import java.util.Locale;

/** The periods the charts show: the last hour from raw samples, the last day from ten-minute averages. */
public enum MonitoringRange {
    HOUR(Duration.ofHours(1)), DAY(Duration.ofDays(1));

    private final Duration length;

    MonitoringRange(Duration length) {
        this.length = length;
    }

    /** How far back the range reaches. */
    public Duration length() {
        return length;
    }

    /** The name used in URLs: {@code hour} or {@code day}. */
    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The range named {@code text} ({@code hour} or {@code day}); {@code hour} when it is {@code null}.
     *
     * @throws FieldProblems (400) for any other name
     */
    public static MonitoringRange parse(String text) {
        if (text == null) {
            return HOUR;
        }
        for (MonitoringRange range : values()) {
            if (range.path().equals(text)) {
                return range;
            }
        }
        throw FieldProblems.of("range", "monitoring.error.range");
    }
}
