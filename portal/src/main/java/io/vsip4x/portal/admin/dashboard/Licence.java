package io.vsip4x.portal.admin.dashboard;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The platform's version and licence expiry ({@code getSystemInfo}) as of one day.
 *
 * @param version  the platform's version, or {@code null} when it gave none
 * @param expiry   the expiry as the platform wrote it, or {@code null} when it gave none
 * @param daysLeft days from today to the expiry (0 on its last day, negative once expired), or
 *                 {@code null} when the expiry is missing or not a {@code yyyy-MM-dd} date
 * @param level    what the expiry means today
 */
public record Licence(String version, String expiry, Long daysLeft, Level level) {

    /** How many days before the expiry platform admins are warned. */
    public static final int WARNING_DAYS = 30;

    /** What an expiry means on a given day. */
    public enum Level {
        /** More than {@link #WARNING_DAYS} days left. */
        VALID,
        /** {@link #WARNING_DAYS} days or fewer left. */
        EXPIRING,
        /** The expiry is past. */
        EXPIRED,
        /** The expiry is missing or unreadable. */
        UNKNOWN
    }

    /** The licence {@code version} and {@code expiry} (as the platform gave them) describe on {@code today}. */
    static Licence of(String version, String expiry, LocalDate today) {
        LocalDate date = parse(expiry);
        if (date == null) {
            return new Licence(version, expiry, null, Level.UNKNOWN);
        }
        long days = ChronoUnit.DAYS.between(today, date);
        Level level = days < 0 ? Level.EXPIRED : days <= WARNING_DAYS ? Level.EXPIRING : Level.VALID;
        return new Licence(version, expiry, days, level);
    }

    /** Whether the banner warns about it. */
    public boolean warns() {
        return level == Level.EXPIRING || level == Level.EXPIRED;
    }

    /** Whether it has expired. */
    public boolean expired() {
        return level == Level.EXPIRED;
    }

    /** The date in {@code text}'s first ten characters ({@code yyyy-MM-dd}, a time may follow), or {@code null}. */
    private static LocalDate parse(String text) {
        if (text == null || text.trim().length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim().substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
