package io.vsip4x.portal.monitoring;

import io.vsip4x.sdk.model.MonitorSample;

/**
 * The bounds a figure of the platform's monitoring must keep to be stored, the same for VMs and
 * hosts: a number (not NaN, not infinite), not negative, and not beyond its maximum.
 */
public final class SampleBounds {

    private SampleBounds() {
    }

    /**
     * Whether {@code entry} can be right: busy CPU within 0 to 100, a memory total with at most
     * that much free, and no negative speed.
     */
    public static boolean plausible(MonitorSample entry) {
        long total = entry.memTotalBytes();
        long free = entry.memFreeBytes();
        return within(entry.cpuUsedPercent(), 100) != null && total > 0 && free >= 0 && free <= total
                && entry.diskRead() >= 0 && entry.diskWrite() >= 0 && entry.networkIn() >= 0
                && entry.networkOut() >= 0;
    }

    /** The busy CPU of a {@link #plausible} {@code entry} as stored, percent to one decimal. */
    public static double cpuPercent(MonitorSample entry) {
        return Math.round(entry.cpuUsedPercent() * 10) / 10.0;
    }

    /** The memory in use of a {@link #plausible} {@code entry}, bytes: its total less what is free. */
    public static long memUsed(MonitorSample entry) {
        return entry.memTotalBytes() - entry.memFreeBytes();
    }

    /** {@code value} when it is a number from 0 to {@code max}, else {@code null} (NaN, infinite, negative, beyond). */
    public static Double within(double value, double max) {
        return Double.isFinite(value) && value >= 0 && value <= max ? value : null;
    }
}
