package io.vsip4x.portal.web;

/**
 * One "something changed" signal as stored in {@code live_event}: no data beyond what changed
 * for whom, so every page fetches what it shows with its viewer's rights.
 *
 * @param tenantId the tenant whose pages are told, or {@code null} for a person's own event
 * @param userId   the only person told, or {@code null} for a tenant's event
 * @param vmId     the VM that changed, when there is one
 * @param kind        what changed ({@link LiveUpdates#VMS}, {@link LiveUpdates#REQUESTS}, ...), or how a
 *                    session ended
 * @param sessionHash the {@link SessionHash} of the HTTP session that ended ({@link LiveSessionEnd}), or
 *                    {@code null} for a change
 */
record LiveEvent(long id, Long tenantId, Long userId, String vmId, String kind, String sessionHash) {

    /** A change for pages (no session's end). */
    LiveEvent(long id, Long tenantId, Long userId, String vmId, String kind) {
        this(id, tenantId, userId, vmId, kind, null);
    }
}
