package io.vsip4x.portal.tenancy;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.web.PortalException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenants with their usage against quota, for the platform admins' table and its CSV: per
 * resource what is used and reserved of the limit, and the largest share of any limit held.
 */
@Service
public class TenantTable {

    /** The audit action of an export. */
    static final String EXPORT = "TENANT_EXPORT";

    private final TenantAdmin admin;
    private final QuotaService quotas;
    private final MessageSource messages;
    private final AuditService audit;

    TenantTable(TenantAdmin admin, QuotaService quotas, MessageSource messages, AuditService audit) {
        this.admin = admin;
        this.quotas = quotas;
        this.messages = messages;
        this.audit = audit;
    }

    /**
     * One tenant's line.
     *
     * @param bars per resource, in {@link TenantSort#COLUMNS} order
     */
    public record Row(Tenant tenant, QuotaService.Report report, List<QuotaBars.Bar> bars) {

        /** What counts against the limit of {@code resource}: used plus reserved. */
        public long held(Resource resource) {
            return report.used().get(resource) + report.reserved().get(resource);
        }

        /** The largest share of any limit held, as a fraction (above 1 when over a limit). */
        public double share() {
            double most = 0;
            for (Resource r : Resource.values()) {
                long limit = report.limits().get(r);
                long held = held(r);
                double part = limit > 0 ? (double) held / limit : held > 0 ? 1 : 0;
                most = Math.max(most, part);
            }
            return most;
        }

        /** {@link #share} in whole percent. */
        public long sharePercent() {
            return Math.round(share() * 100);
        }
    }

    /**
     * Every tenant in {@code sort} order.
     *
     * @throws io.vsip4x.portal.web.PortalException 403 unless {@code user} is a platform admin
     */
    @Transactional(readOnly = true)
    public List<Row> rows(CurrentUser user, TenantSort sort) {
        List<Row> rows = new ArrayList<>();
        for (Tenant tenant : admin.list(user)) {
            QuotaService.Report report = quotas.report(tenant.id());
            List<QuotaBars.Bar> bars = TenantSort.COLUMNS.stream().map(r -> QuotaBars.Bar.of(r,
                    report.limits().get(r), report.used().get(r), report.reserved().get(r))).toList();
            rows.add(new Row(tenant, report, bars));
        }
        rows.sort(sort.comparator());
        return rows;
    }

    /**
     * The line of tenant {@code code}.
     *
     * @throws io.vsip4x.portal.web.PortalException 403 unless {@code user} is a platform admin; 404 for an
     *                                              unknown code
     */
    @Transactional(readOnly = true)
    public Row row(CurrentUser user, String code) {
        return rows(user, TenantSort.DEFAULT).stream().filter(r -> r.tenant().code().equals(code)).findFirst()
                .orElseThrow(() -> PortalException.notFound("tenant.error.notFound", code));
    }

    /**
     * The table as a CSV file in {@code locale}'s headers ({@link TenantCsv}); the export is audited.
     *
     * @throws io.vsip4x.portal.web.PortalException 403 unless {@code user} is a platform admin
     */
    public byte[] csv(CurrentUser user, TenantSort sort, Locale locale) {
        List<Row> rows = rows(user, sort);
        List<String> header = new ArrayList<>(List.of(text("tenants.csv.code", locale),
                text("tenants.csv.name", locale), text("tenants.csv.share", locale)));
        for (Resource r : TenantSort.COLUMNS) {
            String label = text("quota.resource." + r.key(), locale);
            for (String part : List.of("used", "reserved", "limit")) {
                header.add(messages.getMessage("tenants.csv." + part, new Object[] {label}, locale));
            }
        }
        byte[] file = TenantCsv.write(header, rows);
        audit.event(EXPORT).target("TENANT", null).params("sort=" + sort.param() + " rows=" + rows.size())
                .recordAlone();
        return file;
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
