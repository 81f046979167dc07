package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.SdkResult;
import java.util.List;

/**
 * The answer of the guest-agent task {@code getVMSoft}: the software installed in the guest.
 *
 * @param software the entries of {@code list}, whether it came as a JSON array or as a string
 *                 holding one (catalog A31); empty when the task was refused
 * @param result   the whole answer, with the code ({@code 0} for success)
 */
public record GuestSoftwareList(List<GuestSoftware> software, SdkResult result) {

    /** Reads the answer of {@code executeGATask}. */
    public static GuestSoftwareList from(SdkResult result) {
        return new GuestSoftwareList(SdkMaps.jsonMaps(result.raw(), "list").stream()
                .map(GuestSoftware::from).toList(), result);
    }

    /** Whether the task succeeded. */
    public boolean ok() {
        return result.ok();
    }
}
