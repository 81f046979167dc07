package io.vsip4x.portal.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Times as pages show them ({@code ${@times.minute(instant)}}): in the portal's time zone
 * ({@code portal.time-zone}, China Standard Time by default), with the offset shown.
 */
@Component("times")
public class Times {

    private final DateTimeFormatter minutes;
    private final DateTimeFormatter seconds;

    private final ZoneId zone;

    Times(@Value("${portal.time-zone:Asia/Shanghai}") ZoneId zone) {
        this.zone = zone;
        this.minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx").withZone(zone);
        this.seconds = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx").withZone(zone);
    }

    /** To the minute, e.g. {@code 2026-12-04 16:05 +08:00}; empty for {@code null}. */
    public String minute(Instant instant) {
        return instant == null ? "" : minutes.format(instant);
    }

    /** The portal's time zone id (e.g. {@code Asia/Shanghai}), in which every page shows times. */
    public String zoneId() {
        return zone.getId();
    }

    /** To the second. */
    public String second(Instant instant) {
        return instant == null ? "" : seconds.format(instant);
    }
}
