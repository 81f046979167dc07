package io.vsip4x.portal.monitoring;

import io.vsip4x.sdk.model.MonitorSample;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A platform sample turned into what the portal stores, or refused when it cannot be right.
 *
 * @param sample       the figures, stamped with the portal's clock
 * @param platformTime the platform's {@code monitor_time} in epoch seconds, or {@code null} when it
 *                     was missing or could not be read
 */
record Reading(Sample sample, Long platformTime) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern GMT_OFFSET = Pattern.compile("(?:GMT|UTC)?\\s*([+-])(\\d{1,2}):?(\\d{2})?");

    /**
     * Reads {@code entry} of VM {@code vmId} taken at {@code now} (epoch seconds). Empty when a
     * figure is out of bounds ({@link SampleBounds#plausible}): CPU not within 0 to 100 (or not a
     * number), no memory total or more used than there is, a negative speed.
     */
    static Optional<Reading> of(String vmId, MonitorSample entry, long now) {
        if (!SampleBounds.plausible(entry)) {
            return Optional.empty();
        }
        double cpu = SampleBounds.cpuPercent(entry);
        Sample sample = new Sample(vmId, now, cpu, cpu, SampleBounds.memUsed(entry), entry.memTotalBytes(),
                entry.diskRead(), entry.diskWrite(), entry.networkIn(), entry.networkOut());
        return Optional.of(new Reading(sample, platformTime(entry.monitorTime(), entry.timezone())));
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss} in {@code zone} (such as {@code GMT+08:00}; UTC when absent) as
     * epoch seconds, or {@code null} when either cannot be read.
     */
    static Long platformTime(String time, String zone) {
        if (time == null) {
            return null;
        }
        ZoneOffset offset = ZoneOffset.UTC;
        if (zone != null && !zone.isBlank() && !zone.trim().equalsIgnoreCase("GMT")
                && !zone.trim().equalsIgnoreCase("UTC")) {
            Matcher m = GMT_OFFSET.matcher(zone.trim());
            if (!m.matches()) {
                return null;
            }
            int hours = Integer.parseInt(m.group(2));
            int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            if (hours > 18 || minutes > 59) {
                return null;
            }
            int sign = "-".equals(m.group(1)) ? -1 : 1;
            offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        try {
            return LocalDateTime.parse(time.trim(), TIME).toEpochSecond(offset);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
