package io.vsip4x.portal.console.links;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.RemoteViewType;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A VM's remote-view type on the platform ({@code getRemoteViewType}, {@code setRemoteViewType}):
 * anyone who sees the VM reads it, those who may operate the VM change it. The spec lists no
 * values (catalog A38): any short word goes through; the page offers {@link #KNOWN}. A platform
 * refusal is answered 409 with its code and the code's meaning.
 */
@Service
public class RemoteViewTypes {

    /** Audit action: a VM's remote-view type was set (or the attempt refused). */
    static final String SET = "VM_REMOTE_VIEW_TYPE_SET";
    /** The types the page offers; the platform's current one is offered too when it is another. */
    static final List<String> KNOWN = List.of("vnc", "fastrap", "rdp");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    private static final Logger log = LoggerFactory.getLogger(RemoteViewTypes.class);

    private final ConsoleTargets targets;
    private final PlatformClient platform;
    private final AuditService audit;

    RemoteViewTypes(ConsoleTargets targets, PlatformClient platform, AuditService audit) {
        this.targets = targets;
        this.platform = platform;
        this.audit = audit;
    }

    /** A VM's remote-view type. */
    public record ViewType(String vmId, String type) {
    }

    /**
     * The type the platform has for VM {@code vmId}.
     *
     * @throws PortalException             404 when the VM is not {@code user}'s to see, 409 with the
     *                                     platform's code when it refuses
     * @throws PlatformUnavailableException when the platform cannot be asked
     */
    public ViewType get(CurrentUser user, String vmId) {
        targets.find(user, vmId, null);
        RemoteViewType answer;
        try {
            answer = platform.call(c -> c.getRemoteViewType(vmId));
        } catch (Vsip4xException e) {
            log.info("Could not read the remote-view type of VM '{}': {}", vmId, e.getMessage());
            throw new PlatformUnavailableException(e);
        }
        if (!answer.ok()) {
            throw refused(answer.result().code());
        }
        return new ViewType(vmId, answer.type());
    }

    /**
     * Sets the type of VM {@code vmId} to {@code type}.
     *
     * @throws FieldProblems               when {@code type} is not a short word
     * @throws PortalException             404 or 403 as {@link ConsoleTargets#operable}, 409 with the
     *                                     platform's code when it refuses
     * @throws PlatformUnavailableException when the platform cannot be asked
     */
    public ViewType set(CurrentUser user, String vmId, String type) {
        targets.operable(user, vmId, SET);
        String chosen = type == null ? "" : type.strip();
        if (!WORD.matcher(chosen).matches()) {
            throw FieldProblems.of("type", "vm.viewType.invalid");
        }
        SdkResult answer;
        try {
            answer = platform.call(c -> c.setRemoteViewType(vmId, chosen));
        } catch (Vsip4xException e) {
            log.info("Could not set the remote-view type of VM '{}': {}", vmId, e.getMessage());
            audit.event(SET).target("VM", vmId).params("type=" + chosen + ", platform unreachable")
                    .result(AuditService.FAILURE, null, null).recordAlone();
            throw new PlatformUnavailableException(e);
        }
        if (!answer.ok()) {
            audit.event(SET).target("VM", vmId).params("type=" + chosen)
                    .result(AuditService.FAILURE, answer.code(), answer.info()).recordAlone();
            throw refused(answer.code()).audited();
        }
        audit.event(SET).target("VM", vmId).params("type=" + chosen).recordAlone();
        return new ViewType(vmId, chosen);
    }

    /** Whether {@code type} is one the page offers. */
    static boolean known(String type) {
        return KNOWN.contains(type);
    }

    private static PortalException refused(String code) {
        return new PortalException(HttpStatus.CONFLICT, "vm.viewType.refused", code, code,
                ConsoleLinks.codeText(code));
    }
}
