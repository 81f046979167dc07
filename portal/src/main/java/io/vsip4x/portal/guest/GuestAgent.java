package io.vsip4x.portal.guest;

import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.VmSummary;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether a VM's guest agent runs ({@code agentOn} of {@code searchVmList}) and whether its guest
 * is Windows ({@code osFamily}, or {@code vmOSType} naming Windows), read from the platform now.
 */
@Component
class GuestAgent {

    private static final Logger log = LoggerFactory.getLogger(GuestAgent.class);

    private final PlatformClient platform;

    GuestAgent(PlatformClient platform) {
        this.platform = platform;
    }

    /**
     * What the platform says of a VM's guest.
     *
     * @param known   whether the platform answered about the VM
     * @param on      whether its guest agent runs
     * @param windows whether the guest is Windows
     * @param os      the guest's OS as the platform names it, possibly empty
     */
    record State(boolean known, boolean on, boolean windows, String os) {

        static final State UNKNOWN = new State(false, false, false, "");
    }

    /**
     * The guest of VM {@code vmId}; {@link State#UNKNOWN} when the platform does not list the VM.
     *
     * @throws PlatformUnavailableException when the platform cannot be asked (a localized 503)
     */
    State of(String vmId) {
        List<VmSummary> found;
        try {
            found = platform.read(c -> c.searchVmList(Map.of("vmId", vmId)));
        } catch (Vsip4xException e) {
            log.info("Could not ask the platform about the guest agent of VM '{}': {}", vmId, e.getMessage());
            throw new PlatformUnavailableException(e);
        }
        return found.stream().filter(v -> vmId.equals(v.vmId())).findFirst().map(GuestAgent::state)
                .orElse(State.UNKNOWN);
    }

    private static State state(VmSummary vm) {
        Map<String, Object> raw = vm.raw();
        boolean on = "true".equalsIgnoreCase(String.valueOf(raw.get("agentOn")).strip());
        String family = text(raw.get("osFamily"));
        String type = text(raw.get("vmOSType"));
        boolean windows = family.toLowerCase(Locale.ROOT).contains("windows")
                || type.toLowerCase(Locale.ROOT).contains("windows");
        return new State(true, on, windows, type.isEmpty() ? family : type);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().strip();
    }
}
