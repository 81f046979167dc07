package io.vsip4x.sdk.model;

import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.codes.GuestTasks;
import java.util.Map;

/**
 * The answer of the guest-agent task {@code getIPAddr}: the address one NIC of the guest has.
 * The address fields are {@code null} when the task was refused.
 *
 * @param ipAddress {@code ipaddr}
 * @param netmask   {@code netmask}
 * @param gateway   {@code gateway}, possibly empty
 * @param dnsServer {@code dnserver}, or {@code dnsserver} when the platform spells it so (catalog A30)
 * @param result    the whole answer, with the code ({@code 0} for success)
 */
public record GuestIpConfig(String ipAddress, String netmask, String gateway, String dnsServer,
        SdkResult result) {

    /** Reads the answer of {@code executeGATask} (catalog A31: the task's keys beside the code). */
    public static GuestIpConfig from(SdkResult result) {
        Map<String, Object> m = result.raw();
        return new GuestIpConfig(
                SdkMaps.string(m, "ipaddr"),
                SdkMaps.string(m, "netmask"),
                SdkMaps.string(m, "gateway"),
                SdkMaps.string(m, GuestTasks.DNS_KEY, GuestTasks.DNS_KEY_VARIANT),
                result);
    }

    /** Whether the task succeeded. */
    public boolean ok() {
        return result.ok();
    }
}
