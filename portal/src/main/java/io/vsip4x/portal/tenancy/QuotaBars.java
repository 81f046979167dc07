package io.vsip4x.portal.tenancy;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the quota bars show ({@code fragments/quota.html}): per resource the limit, what is used,
 * reserved and free, and the widths of the bar's parts. Pages ask {@code ${@quotaBars.mine()}}
 * for the signed-in person's tenant and caps.
 */
@Component("quotaBars")
public class QuotaBars {

    private final TenantService tenants;
    private final QuotaService quotas;

    QuotaBars(TenantService tenants, QuotaService quotas) {
        this.tenants = tenants;
        this.quotas = quotas;
    }

    /**
     * One resource's bar.
     *
     * @param limit the limit, or {@code null} for none (a personal cap left open)
     */
    public record Bar(String key, Long limit, long used, long reserved, long free, int usedPercent,
            int reservedPercent, boolean full) {

        static Bar of(Resource resource, Long limit, long used, long reserved) {
            if (limit == null) {
                return new Bar(resource.key(), null, used, reserved, 0, 0, 0, false);
            }
            long free = Math.max(0, limit - used - reserved);
            int usedPercent = percent(used, limit);
            int reservedPercent = Math.min(100 - usedPercent, percent(reserved, limit));
            return new Bar(resource.key(), limit, used, reserved, free, usedPercent, reservedPercent,
                    used + reserved >= limit);
        }

        private static int percent(long part, long whole) {
            if (whole <= 0) {
                return part > 0 ? 100 : 0;
            }
            return (int) Math.min(100, Math.round(part * 100.0 / whole));
        }
    }

    /**
     * A set of bars under a title.
     *
     * @param personal whether the limits are a person's caps rather than the tenant's quota
     * @param name     the tenant's name, or the person's user name
     */
    public record Panel(boolean personal, String name, List<Bar> bars) {
    }

    /** The resources' keys in the order the pages show them. */
    public List<String> keys() {
        return Arrays.stream(Resource.values()).map(Resource::key).toList();
    }

    /** The bars of the signed-in person: their tenant's, and their own caps when they have any. */
    public List<Panel> mine() {
        CurrentUser me = UserService.current();
        if (me == null || me.tenantId() == null) {
            return List.of();
        }
        List<Panel> panels = new ArrayList<>();
        tenants.find(me.tenantId()).ifPresent(t -> panels.add(tenant(t)));
        personal(me.tenantId(), me.id(), me.username()).ifPresent(panels::add);
        return panels;
    }

    /** The bars of a tenant's quota. */
    public Panel tenant(Tenant tenant) {
        QuotaService.Report report = quotas.report(tenant.id());
        List<Bar> bars = new ArrayList<>();
        for (Resource r : Resource.values()) {
            bars.add(Bar.of(r, report.limits().get(r), report.used().get(r), report.reserved().get(r)));
        }
        return new Panel(false, tenant.name(), bars);
    }

    /** The bars of a person's caps, or empty when they have none. */
    public Optional<Panel> personal(long tenantId, long userId, String username) {
        return quotas.personalCap(userId).map(cap -> personal(cap, quotas.usage(tenantId, userId), username));
    }

    /** The bars of a person's caps and usage. */
    public static Panel personal(QuotaService.PersonalCap cap, Usage usage, String username) {
        List<Bar> bars = new ArrayList<>();
        for (Resource r : Resource.values()) {
            bars.add(Bar.of(r, cap.get(r), usage.used().get(r), usage.reserved().get(r)));
        }
        return new Panel(true, username, bars);
    }
}
