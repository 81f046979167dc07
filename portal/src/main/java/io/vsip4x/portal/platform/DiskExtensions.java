package io.vsip4x.portal.platform;

import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.model.DataDiskInfo;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the platform shows of a data disk whose operation's answer was lost. {@code extendDataDisk}
 * adds an increment and answers at once (no callback), so an extension whose answer was lost is
 * never sent again: the size the disk reaches is noted before the first send, and the platform's
 * disk ({@code getDataDisks}) tells afterwards whether it got there. A {@code createDataDisk} sent
 * again after its mount's answer was lost finds the disk mounted on its VM already.
 */
@Component
class DiskExtensions {

    /** The result info of an extension the disk's size confirmed after its answer was lost. */
    static final String CONFIRMED = "confirmed by the disk's size";
    /** The result info of one whose disk did not reach its size: a message key, read in the user's language. */
    static final String NOT_REACHED = "pipeline.operation.extensionNotSeen";

    private final PlatformClient platform;
    private final OperationRepository operations;
    private final JsonMapper json;

    DiskExtensions(PlatformClient platform, OperationRepository operations, JsonMapper json) {
        this.platform = platform;
        this.operations = operations;
        this.json = json;
    }

    /**
     * The payload of claimed extension {@code op} with its target size, read from the platform
     * and stored before the first send; kept as it is when noted already or the disk is unknown.
     *
     * @throws io.vsip4x.sdk.Vsip4xException when the platform cannot be asked
     */
    ChangePayload withTarget(Operation op) {
        ChangePayload payload = json.readValue(op.payload(), ChangePayload.class);
        if (payload.targetBytes() != null) {
            return payload;
        }
        OptionalLong size = sizeOf(payload.diskId());
        if (size.isEmpty()) {
            return payload;
        }
        ChangePayload noted = payload.withTarget(size.getAsLong() + payload.sizeBytes());
        operations.updatePayload(op.id(), json.writeValueAsString(noted));
        return noted;
    }

    /**
     * Whether the disk of extension {@code op} has reached the size noted before it was sent;
     * {@code false} when none was noted or the platform does not know the disk.
     *
     * @throws io.vsip4x.sdk.Vsip4xException when the platform cannot be asked
     */
    boolean reached(Operation op) {
        ChangePayload payload = json.readValue(op.payload(), ChangePayload.class);
        if (payload.targetBytes() == null) {
            return false;
        }
        OptionalLong size = sizeOf(payload.diskId());
        return size.isPresent() && size.getAsLong() >= payload.targetBytes();
    }

    /**
     * Whether the platform shows data disk {@code diskId} mounted on VM {@code vmId}: what a
     * {@code createDataDisk} sent again after the answer to its mount was lost finds.
     *
     * @throws io.vsip4x.sdk.Vsip4xException when the platform cannot be asked
     */
    boolean mountedOn(String diskId, String vmId) {
        return platform.call(c -> c.getDataDisks(List.of(diskId))).stream()
                .anyMatch(d -> diskId.equals(d.name()) && vmId.equals(d.vmId()));
    }

    private OptionalLong sizeOf(String diskId) {
        List<DataDiskInfo> found;
        try {
            found = platform.call(c -> c.getDataDisks(List.of(diskId)));
        } catch (Vsip4xProtocolException e) {
            return OptionalLong.empty();
        }
        Optional<DataDiskInfo> disk = found.stream().filter(d -> diskId.equals(d.name())).findFirst();
        return disk.map(d -> OptionalLong.of(d.sizeBytes())).orElse(OptionalLong.empty());
    }
}
