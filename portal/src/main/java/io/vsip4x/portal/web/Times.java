package io.vsip4x.portal.web;

import io.vsip4x.portal.identity.ViewerZones;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Times as pages show them ({@code ${@times.minute(instant)}}): in the time zone of the person
 * reading the page (their own choice, else the portal's {@code portal.time-zone}, China
 * Standard Time by default), with the offset shown.
 */
@Component("times")
public class Times {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss xxx");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx");

    private final ViewerZones zones;

    Times(ViewerZones zones) {
        this.zones = zones;
    }

    /** To the minute, e.g. {@code 2026-12-04 16:05 +08:00}; empty for {@code null}. */
    public String minute(Instant instant) {
        return instant == null ? "" : MINUTES.withZone(zone()).format(instant);
    }

    /** The reader's time zone id (e.g. {@code Asia/Shanghai}), in which every page shows times. */
    public String zoneId() {
        return zone().getId();
    }

    /** To the second. */
    public String second(Instant instant) {
        return instant == null ? "" : SECONDS.withZone(zone()).format(instant);
    }

    /**
     * The time of day to the second in {@code zone}, e.g. {@code 16:05:09 +08:00}, for times within
     * minutes of now (a deadline); empty for {@code null}.
     */
    public String timeOfDay(Instant instant, ZoneId zone) {
        return instant == null ? "" : TIME_OF_DAY.withZone(zone).format(instant);
    }

    /** To the millisecond, as the operation log keeps times. */
    public String milli(Instant instant) {
        return instant == null ? "" : MILLIS.withZone(zone()).format(instant);
    }

    /** The reader's time zone. */
    public ZoneId zone() {
        return zones.current();
    }
}
