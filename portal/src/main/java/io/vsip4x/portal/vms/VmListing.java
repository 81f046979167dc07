package io.vsip4x.portal.vms;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.platform.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The VM list as a person sees it: platform admins every tenant's VMs, tenant admins and
 * approvers their whole tenant's, other people their own; nobody a VM above their clearance.
 * A page costs three queries whatever its size: the count, the page, and the newest operation
 * of each of its VMs.
 */
@Service
public class VmListing {

    private final VmSearch search;
    private final MessageSource messages;
    private final VmProgressEstimates progress;
    private final Map<VmSearch.Scope, Facets> facets = new ConcurrentHashMap<>();

    /** How long the filters' values are reused. */
    static final Duration FACETS_FRESH = Duration.ofSeconds(30);
    private static final int MAX_FACETS = 1_000;

    private record Facets(VmFacets facets, long readAtNanos) {
    }

    VmListing(VmSearch search, MessageSource messages, VmProgressEstimates progress) {
        this.search = search;
        this.messages = messages;
        this.progress = progress;
    }

    /** The page of VMs {@code user} sees that {@code query} asks for, in {@code locale}. */
    @Transactional(readOnly = true)
    public VmPage page(CurrentUser user, VmQuery query, Locale locale) {
        Optional<VmSearch.Scope> scope = scope(user);
        if (scope.isEmpty()) {
            return new VmPage(List.of(), query.page(), query.size(), 0);
        }
        long total = search.count(scope.get(), query);
        List<VmSearch.Row> rows = query.offset() < total ? search.page(scope.get(), query) : List.of();
        Map<String, Operation> latest = search.latestOperations(rows.stream().map(r -> r.vm().vmId()).toList());
        List<VmView> items = rows.stream()
                .map(r -> VmView.of(r.vm(), r.ipAddresses(), Optional.ofNullable(latest.get(r.vm().vmId())),
                        messages, locale, progress))
                .toList();
        return new VmPage(items, query.page(), query.size(), total);
    }

    /**
     * The values the filters offer {@code user}: those of the VMs they see, as they were at most
     * {@link #FACETS_FRESH} ago (five queries over the whole tenant are too many for every page).
     */
    @Transactional(readOnly = true)
    public VmFacets facets(CurrentUser user) {
        Optional<VmSearch.Scope> scope = scope(user);
        if (scope.isEmpty()) {
            return new VmFacets(List.of(), List.of(), List.of(), List.of(), List.of());
        }
        long now = System.nanoTime();
        Facets known = facets.get(scope.get());
        if (known != null && now - known.readAtNanos() < FACETS_FRESH.toNanos()) {
            return known.facets();
        }
        if (facets.size() >= MAX_FACETS) {
            facets.clear();
        }
        VmFacets read = readFacets(scope.get());
        facets.put(scope.get(), new Facets(read, now));
        return read;
    }

    private VmFacets readFacets(VmSearch.Scope s) {
        List<String> owners = s.ownerId() == null ? search.distinct(s, "owner") : List.of();
        return new VmFacets(search.distinct(s, "repo_id"), search.distinct(s, "host_id"),
                search.distinct(s, "template_id"), owners,
                search.distinct(s, "classification").stream().map(Integer::valueOf).sorted().toList());
    }

    /** A VM's IP addresses as stored (comma-separated), or {@code null}; for a VM already checked visible. */
    @Transactional(readOnly = true)
    public String ipAddresses(String vmId) {
        return search.ipAddresses(vmId);
    }

    /** The query plan of {@code query}'s page for {@code user}, one map per table (for tests and tuning). */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> explain(CurrentUser user, VmQuery query) {
        return scope(user).map(s -> search.explain(s, query)).orElse(List.of());
    }

    /** Whose VMs {@code user} sees, or empty when none. */
    static Optional<VmSearch.Scope> scope(CurrentUser user) {
        if (user.has(Role.PLATFORM_ADMIN)) {
            return Optional.of(new VmSearch.Scope(null, null, user.clearance()));
        }
        if (user.tenantId() == null) {
            return Optional.empty();
        }
        return Optional.of(new VmSearch.Scope(user.tenantId(), user.seesWholeTenant() ? null : user.id(),
                user.clearance()));
    }
}
