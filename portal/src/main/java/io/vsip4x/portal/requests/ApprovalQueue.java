package io.vsip4x.portal.requests;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.QuotaService;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The approver's queue: every pending request the viewer may decide at its current level (in their
 * own right or as a deputy), within their clearance, filtered and sorted, each with the requester's
 * usage, the tenant's free quota and the platform's room for it.
 */
@Service
public class ApprovalQueue {

    static final int MAX_ROWS = 500;

    private final RequestRepository requests;
    private final ApprovalWorkflow workflow;
    private final Approvers approvers;
    private final QuotaService quotas;
    private final PlatformCapacity capacity;
    private final Clock clock;

    ApprovalQueue(RequestRepository requests, ApprovalWorkflow workflow, Approvers approvers, QuotaService quotas,
            PlatformCapacity capacity, Clock clock) {
        this.requests = requests;
        this.workflow = workflow;
        this.approvers = approvers;
        this.quotas = quotas;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** How the queue is sorted. */
    public enum Sort {
        /** Oldest first. */
        AGE,
        /** Largest first: memory, then vCPUs, over all its VMs. */
        SIZE,
        /** By the requester's user name. */
        REQUESTER
    }

    /**
     * What the viewer asked to see; {@code null} fields do not filter.
     *
     * @param requester part of the requester's user name
     * @param tenant    a tenant's code (platform-wide viewers only)
     * @param text      part of the reason, the template or the requester, or a request's number
     * @param reverse   whether to reverse the sort
     */
    public record Filter(RequestKind kind, String requester, String tenant, String text, Sort sort, boolean reverse) {

        /** Everything, oldest first. */
        public static final Filter ALL = new Filter(null, null, null, null, Sort.AGE, false);
    }

    /**
     * One request in the queue.
     *
     * @param onBehalfOf     whom the viewer decides it for as a deputy, or {@code null}
     * @param requesterUsage what the requester's VMs use and hold of the quota now
     * @param tenantFree     what is left of the tenant's quota
     * @param capacity       the platform's room for it; {@code null} for a request that creates no VM
     */
    public record Row(VmRequest request, String onBehalfOf, Quota requesterUsage, Quota tenantFree,
            PlatformCapacity.Capacity capacity) {
    }

    /** Whether {@code user} works a queue: holds a deciding role, or stands in for someone now. */
    public boolean worksQueue(CurrentUser user) {
        return Deputies.decides(user) || approvers.isDeputyNow(user.id(), clock.instant());
    }

    /** The queue of {@code user} as {@code filter} says. */
    @Transactional(readOnly = true)
    public List<Row> rows(CurrentUser user, Filter filter) {
        boolean platformWide = user.has(Role.PLATFORM_ADMIN) || approvers.isDeputyNow(user.id(), clock.instant());
        Long scope = platformWide ? null : user.tenantId();
        if (scope == null && !platformWide) {
            return List.of();
        }
        Map<Long, Quota> freeByTenant = new HashMap<>();
        Map<Long, Quota> usageByRequester = new HashMap<>();
        return requests.list(scope, null, RequestState.PENDING, MAX_ROWS).stream()
                .filter(r -> matches(r, filter, platformWide))
                .map(r -> workflow.authority(user, r).map(a -> new Row(r, a.principalName(),
                        usageByRequester.computeIfAbsent(r.requesterId(),
                                id -> quotas.usage(r.tenantId(), id).total()),
                        freeByTenant.computeIfAbsent(r.tenantId(), id -> quotas.report(id).free()),
                        capacity.of(r))).orElse(null))
                .filter(row -> row != null)
                .sorted(order(filter))
                .toList();
    }

    private static boolean matches(VmRequest r, Filter f, boolean platformWide) {
        if (f.kind() != null && r.kind() != f.kind()) {
            return false;
        }
        if (!blank(f.requester()) && !contains(r.requesterName(), f.requester())) {
            return false;
        }
        if (platformWide && !blank(f.tenant()) && !r.tenantCode().equalsIgnoreCase(f.tenant().strip())) {
            return false;
        }
        if (blank(f.text())) {
            return true;
        }
        String text = f.text().strip();
        if (text.matches("#?\\d+")) {
            return String.valueOf(r.id()).equals(text.replace("#", ""));
        }
        return contains(r.reason(), text) || contains(r.templateId(), text) || contains(r.requesterName(), text);
    }

    private static Comparator<Row> order(Filter f) {
        Comparator<Row> byAge = Comparator.comparing((Row row) -> row.request().createdAt())
                .thenComparing(row -> row.request().id());
        Comparator<Row> order = switch (f.sort() == null ? Sort.AGE : f.sort()) {
            case AGE -> byAge;
            case SIZE -> Comparator.comparingLong((Row row) -> row.request().memoryMb() * row.request().count())
                    .thenComparingLong(row -> (long) row.request().cpu() * row.request().count())
                    .reversed()
                    .thenComparing(byAge);
            case REQUESTER -> Comparator.comparing((Row row) -> row.request().requesterName())
                    .thenComparing(byAge);
        };
        return f.reverse() ? order.reversed() : order;
    }

    private static boolean contains(String value, String part) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(part.strip().toLowerCase(Locale.ROOT));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
