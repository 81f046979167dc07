package io.vsip4x.portal.platform;

import java.util.Map;

/**
 * What a platform event reports besides the VM's status (the binding's {@code detail}: the
 * {@code snapId} of a snapshot method, the {@code backupId} and facts of a finished
 * {@code backupVm}), published in the callback's transaction before the operation it completes
 * is finished, so a feature records what was made before it hears the outcome.
 *
 * @param vmId        the VM
 * @param operation   the SDK method that caused it
 * @param result      the event's result code
 * @param success     whether the code is a success
 * @param operationId the portal's operation the event completes, or {@code null} when none awaited it
 * @param detail      the event's detail; never {@code null}
 */
public record PlatformEventDetail(String vmId, String operation, String result, boolean success, Long operationId,
        Map<String, String> detail) {

    public PlatformEventDetail {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }
}
