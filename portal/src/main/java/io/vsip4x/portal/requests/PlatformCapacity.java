package io.vsip4x.portal.requests;

import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.sdk.model.CreateVmSpec;
import io.vsip4x.sdk.model.Remainder;
import io.vsip4x.sdk.model.VmNumAvailable;
import io.vsip4x.sdk.model.VmNumQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the platform says of its room for a request, for the approver's queue: for new VMs from a
 * template, {@code getCreateRemainder} (which needs the template); for an installation from an ISO
 * image, which has none, {@code getCreateVmNumAvailable} with the request's shape and pool. Answers
 * are kept for a short while, failures too, so that a queue of many rows or a platform outage does
 * not turn into many calls; an outage shows as unknown.
 */
@Component
public class PlatformCapacity {

    private static final Logger log = LoggerFactory.getLogger(PlatformCapacity.class);
    static final Duration KEEP = Duration.ofSeconds(30);
    private static final long MIB = 1024L * 1024L;
    private static final long GIB = 1024L * MIB;

    private final PlatformClient platform;
    private final Clock clock;
    private final Map<Key, Kept> kept = new ConcurrentHashMap<>();

    PlatformCapacity(PlatformClient platform, Clock clock) {
        this.platform = platform;
        this.clock = clock;
    }

    /** What the platform's figure is based on. */
    public enum Basis {
        /** {@code getCreateRemainder}: the template, shape and pool of VMs from a template. */
        TEMPLATE,
        /** {@code getCreateVmNumAvailable}: the shape and pool alone (an installation has no template). */
        SHAPE
    }

    /**
     * The platform's room for a request's VMs.
     *
     * @param known     whether the platform answered
     * @param satisfied whether it has room for all of them
     * @param available how many VMs of that shape it could still create, or -1 when not said
     * @param basis     what the platform was asked with
     */
    public record Capacity(boolean known, boolean satisfied, long available, Basis basis) {

        static Capacity unknown(Basis basis) {
            return new Capacity(false, false, -1, basis);
        }
    }

    private record Key(RequestKind kind, String templateId, String repoId, String poolName, int cpu,
            long memoryMb, long diskGb, String network, int count) {
    }

    private record Kept(Capacity capacity, Instant at) {
    }

    /** The room for {@code request}, or {@code null} for a request that creates no VM. */
    Capacity of(VmRequest request) {
        boolean create = request.kind() == RequestKind.CREATE && request.templateId() != null;
        boolean install = request.kind() == RequestKind.INSTALL && request.repoId() != null;
        if (!(create || install) || request.poolName() == null) {
            return null;
        }
        Key key = new Key(request.kind(), request.templateId(), request.repoId(), request.poolName(),
                request.cpu(), request.memoryMb(), request.diskGb(), request.network(), request.count());
        Instant now = clock.instant();
        Kept known = kept.get(key);
        if (known != null && known.at().plus(KEEP).isAfter(now)) {
            return known.capacity();
        }
        Capacity capacity = ask(key);
        if (kept.size() > 1000) {
            kept.clear();
        }
        kept.put(key, new Kept(capacity, now));
        return capacity;
    }

    private Capacity ask(Key key) {
        return key.kind() == RequestKind.INSTALL ? askByShape(key) : askByTemplate(key);
    }

    private Capacity askByTemplate(Key key) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= key.count(); i++) {
            ids.add("capacity-check-" + i);
        }
        CreateVmSpec spec = new CreateVmSpec(key.templateId(), key.repoId(), key.cpu(), key.memoryMb() * MIB,
                key.diskGb() * GIB, key.network(), ids);
        try {
            Remainder remainder = platform.call(c -> c.getCreateRemainder(spec, key.poolName()));
            if (!remainder.result().ok()) {
                return Capacity.unknown(Basis.TEMPLATE);
            }
            return new Capacity(true, remainder.satisfied(), remainder.availableNum(), Basis.TEMPLATE);
        } catch (RuntimeException e) {
            log.info("The platform's room in pool '{}' is unknown: {}", key.poolName(), e.getMessage());
            return Capacity.unknown(Basis.TEMPLATE);
        }
    }

    /** An installation's room: how many VMs of its shape its pool can still create, no template named. */
    private Capacity askByShape(Key key) {
        VmNumQuery query = new VmNumQuery(key.repoId(), key.cpu(), key.memoryMb() * MIB, key.diskGb() * GIB,
                List.of());
        try {
            VmNumAvailable answer = platform.call(c -> c.getCreateVmNumAvailable(query));
            if (!answer.ok()) {
                return Capacity.unknown(Basis.SHAPE);
            }
            return new Capacity(true, answer.count() >= key.count(), answer.count(), Basis.SHAPE);
        } catch (RuntimeException e) {
            log.info("The platform's room for an installation in pool '{}' is unknown: {}", key.repoId(),
                    e.getMessage());
            return Capacity.unknown(Basis.SHAPE);
        }
    }
}
