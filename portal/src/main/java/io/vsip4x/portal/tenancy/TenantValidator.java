package io.vsip4x.portal.tenancy;

import io.vsip4x.portal.platform.Catalog;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.TemplateInfo;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a {@link TenantForm}: every field checked, one localized message per bad field. */
final class TenantValidator {

    /** The largest limit or cap accepted (the columns are 32-bit at least). */
    static final long MAX_AMOUNT = 2_000_000_000L;
    static final int MAX_CEILING = 4;
    static final int MAX_LEASE_DAYS = 3650;
    private static final Pattern CODE = Pattern.compile("[a-z0-9-]{2,32}");
    private static final Pattern WHOLE = Pattern.compile("[0-9]{1,12}");

    private TenantValidator() {
    }

    /** What a valid form says. */
    record Valid(Tenant settings, Grants grants, Integer version) {
    }

    /**
     * Checks {@code form}; the catalog is asked only when resources are chosen.
     *
     * @param catalog everything the platform offers, read when first needed
     * @throws FieldProblems with one message per bad field
     */
    static Valid validate(TenantForm form, java.util.function.Supplier<Catalog> catalog) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        String code = form.code() == null ? "" : form.code().strip();
        if (!CODE.matcher(code).matches()) {
            problems.reject("code", "tenant.error.code");
        }
        String name = form.name() == null ? "" : form.name().strip();
        if (name.isEmpty()) {
            problems.reject("name", "tenant.error.nameRequired");
        } else if (name.length() > 100) {
            problems.reject("name", "tenant.error.nameTooLong", 100);
        }
        long[] limits = new long[Resource.values().length];
        for (Resource r : Resource.values()) {
            limits[r.ordinal()] = amount(form.limit(r), r.key(), problems);
        }
        Long capCpu = optionalPositive(form.vmMaxCpu(), "vmMaxCpu", problems);
        Long capMemory = optionalPositive(form.vmMaxMemoryMb(), "vmMaxMemoryMb", problems);
        Long capDisk = optionalPositive(form.vmMaxDiskGb(), "vmMaxDiskGb", problems);
        int ceiling = ceiling(form.ceiling(), problems);
        Integer leaseMaxDays = leaseMaxDays(form.leaseMaxDays(), problems);
        Grants grants = new Grants(ids(form.templates()), ids(form.pools()), ids(form.networks()));
        boolean anyGranted = !grants.templates().isEmpty() || !grants.pools().isEmpty()
                || !grants.networks().isEmpty();
        if (anyGranted) {
            checkGrants(grants, catalog.get(), problems.has("ceiling") ? MAX_CEILING : ceiling, problems);
        }
        Integer version = version(form.version(), problems);
        problems.throwIfAny();

        Quota quota = new Quota(limits[0], limits[1], limits[2], limits[3], limits[4], limits[5], limits[6]);
        Tenant.VmCap cap = new Tenant.VmCap(capCpu == null ? null : capCpu.intValue(), capMemory, capDisk);
        return new Valid(new Tenant(0, code, name, quota, cap, ceiling, leaseMaxDays), grants, version);
    }

    /** A required whole number from 0 to {@link #MAX_AMOUNT}, or -1 after recording the problem. */
    static long amount(String text, String field, FieldProblems.Collector problems) {
        Optional<Long> value = whole(text);
        if (value.isEmpty() || value.get() > MAX_AMOUNT) {
            problems.reject(field, "tenant.error.amount", MAX_AMOUNT);
            return -1;
        }
        return value.get();
    }

    /** Empty for none, or a whole number from 1 to {@link #MAX_AMOUNT}. */
    static Long optionalPositive(String text, String field, FieldProblems.Collector problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Optional<Long> value = whole(text);
        if (value.isEmpty() || value.get() < 1 || value.get() > MAX_AMOUNT) {
            problems.reject(field, "tenant.error.cap", MAX_AMOUNT);
            return null;
        }
        return value.get();
    }

    /** Empty for no cap of one's own, or a whole number from 0 to {@link #MAX_AMOUNT}. */
    static Long optionalAmount(String text, String field, FieldProblems.Collector problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return amount(text, field, problems);
    }

    private static int ceiling(String text, FieldProblems.Collector problems) {
        Optional<Long> value = whole(text);
        if (value.isEmpty() || value.get() > MAX_CEILING) {
            problems.reject("ceiling", "tenant.error.ceiling", MAX_CEILING);
            return 0;
        }
        return value.get().intValue();
    }

    private static Integer leaseMaxDays(String text, FieldProblems.Collector problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Optional<Long> value = whole(text);
        if (value.isEmpty() || value.get() < 1 || value.get() > MAX_LEASE_DAYS) {
            problems.reject("leaseMaxDays", "tenant.error.leaseMaxDays", MAX_LEASE_DAYS);
            return null;
        }
        return value.get().intValue();
    }

    private static Integer version(String text, FieldProblems.Collector problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Optional<Long> value = whole(text);
        if (value.isEmpty() || value.get() > Integer.MAX_VALUE) {
            problems.reject("version", "error.field.invalid");
            return null;
        }
        return value.get().intValue();
    }

    /** Every chosen resource exists on the platform and is not classified above the ceiling. */
    private static void checkGrants(Grants grants, Catalog catalog, int ceiling, FieldProblems.Collector problems) {
        for (String id : grants.templates()) {
            Optional<TemplateInfo> t = catalog.template(id);
            if (t.isEmpty()) {
                problems.reject("templates", "tenant.error.unknownResource", id);
            } else if (t.get().classification() > ceiling) {
                problems.reject("templates", "tenant.error.aboveCeiling", id, t.get().classification(), ceiling);
            }
        }
        for (String id : grants.pools()) {
            Optional<PoolInfo> p = catalog.pool(id);
            if (p.isEmpty()) {
                problems.reject("pools", "tenant.error.unknownResource", id);
            } else if (p.get().classification() > ceiling) {
                problems.reject("pools", "tenant.error.aboveCeiling", id, p.get().classification(), ceiling);
            }
        }
        for (String id : grants.networks()) {
            if (catalog.network(id).isEmpty()) {
                problems.reject("networks", "tenant.error.unknownResource", id);
            }
        }
    }

    private static Set<String> ids(List<String> chosen) {
        Set<String> ids = new LinkedHashSet<>();
        chosen.stream().filter(id -> id != null && !id.isBlank()).map(String::strip).forEach(ids::add);
        return ids;
    }

    private static Optional<Long> whole(String text) {
        String t = text == null ? "" : text.strip();
        return WHOLE.matcher(t).matches() ? Optional.of(Long.parseLong(t)) : Optional.empty();
    }
}
