package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.SdkResult;
import java.util.List;

/**
 * The answer of the guest-agent task {@code getVMProcess}.
 *
 * @param processes the entries of {@code list}, whether it came as a JSON array or as a string
 *                  holding one (catalog A31); empty when the task was refused
 * @param result    the whole answer, with the code ({@code 0} for success)
 */
public record GuestProcessList(List<GuestProcess> processes, SdkResult result) {

    /** Reads the answer of {@code executeGATask}. */
    public static GuestProcessList from(SdkResult result) {
        return new GuestProcessList(SdkMaps.jsonMaps(result.raw(), "list").stream()
                .map(GuestProcess::from).toList(), result);
    }

    /** Whether the task succeeded. */
    public boolean ok() {
        return result.ok();
    }
}
