package io.vsip4x.portal.identity;

/**
 * The rule of classification (密级): nobody sees or uses anything whose level is above their
 * clearance. A tenant user's clearance is already capped by their tenant's ceiling when they
 * sign in (see {@link CurrentUser#clearance()}).
 */
public final class Clearance {

    private Clearance() {
    }

    /**
     * Whether {@code viewer} may see something of classification {@code level}; never for
     * nobody.
     */
    public static boolean visible(CurrentUser viewer, int level) {
        return viewer != null && viewer.cleared(level);
    }

    /** The highest level allowed by both a clearance and a ceiling. */
    public static int limit(int clearance, int ceiling) {
        return Math.min(clearance, ceiling);
    }
}
