package io.vsip4x.portal.requests;

import io.vsip4x.portal.platform.Catalog;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.Resource;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.sdk.model.TemplateInfo;
import java.util.regex.Pattern;

/**
 * The rules of a request: the spec's {@code createVm} limits (vCPU 1–16, memory a multiple of
 * 512 MiB up to 32 GiB, disk a multiple of 1 GiB up to 2 TiB), what the tenant's catalog
 * offers, and what is left of its quota.
 */
public final class RequestValidator {

    public static final int MAX_CPU = 16;
    public static final long MEMORY_STEP_MB = 512;
    public static final long MAX_MEMORY_MB = 32 * 1024;
    public static final long MAX_DISK_GB = 2 * 1024;
    static final int MAX_COUNT = 20;
    static final int MAX_REASON = 500;
    static final int MAX_LEASE_DAYS = 3650;
    private static final long GIB = 1024L * 1024L * 1024L;
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{Z}]");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]|[\\u202A-\\u202E\\u2066-\\u2069]");

    private RequestValidator() {
    }

    /**
     * Checks {@code form}; {@code left} is what remains of the tenant's quota.
     *
     * @throws FieldProblems listing every problem, field by field
     */
    static void validate(RequestForm form, Catalog catalog, Quota left) {
        validate(form, catalog, left, null);
    }

    /**
     * Checks {@code form}, its lease against the tenant's longest ({@code leaseMaxDays},
     * {@code null} for none).
     *
     * @throws FieldProblems listing every problem, field by field
     */
    static void validate(RequestForm form, Catalog catalog, Quota left, Integer leaseMaxDays) {
        validate(form, catalog, left, leaseMaxDays, Tenant.VmCap.NONE);
    }

    /**
     * Checks {@code form} as a request of a tenant: its lease against the tenant's longest
     * ({@code leaseMaxDays}, {@code null} for none) and its shape against the tenant's cap on one
     * VM ({@code cap}; within the spec's limits).
     *
     * @throws FieldProblems listing every problem, field by field
     */
    static void validate(RequestForm form, Catalog catalog, Quota left, Integer leaseMaxDays, Tenant.VmCap cap) {
        validate(form, catalog, left, leaseMaxDays, cap, left);
    }

    /**
     * Checks {@code form} as a request of a person in a tenant: {@code left} is what they may
     * still ask for, {@code tenantFree} what is free of the tenant's quota (where {@code left} is
     * lower, the person's own cap limits them and the message says so).
     *
     * @throws FieldProblems listing every problem, field by field
     */
    static void validate(RequestForm form, Catalog catalog, Quota left, Integer leaseMaxDays, Tenant.VmCap cap,
            Quota tenantFree) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        checkLease(form.leaseDays(), leaseMaxDays, problems);

        if (blank(form.templateId())) {
            problems.reject("templateId", "request.error.required");
        } else if (catalog.template(form.templateId()).isEmpty()) {
            problems.reject("templateId", "request.error.templateUnknown");
        }
        if (blank(form.repoName())) {
            problems.reject("repoName", "request.error.required");
        } else if (catalog.pool(form.repoName()).isEmpty()) {
            problems.reject("repoName", "request.error.poolUnknown");
        }
        if (blank(form.network())) {
            problems.reject("network", "request.error.required");
        } else if (catalog.network(form.network()).isEmpty()) {
            problems.reject("network", "request.error.networkUnknown");
        }
        checkShape(form, cap, problems);
        catalog.template(form.templateId()).ifPresent(t -> checkAgainstTemplate(form, t, problems));
        checkReason(form.reason(), problems);

        if (problems.isEmpty()) {
            checkQuota(form, left, tenantFree, problems);
        }
        problems.throwIfAny();
    }

    /**
     * A lease of 1 day up to the tenant's maximum; required when the tenant has one, and at
     * most {@value #MAX_LEASE_DAYS} days when it has none.
     */
    static void checkLease(Integer leaseDays, Integer leaseMaxDays, FieldProblems.Collector problems) {
        int max = leaseMaxDays != null ? leaseMaxDays : MAX_LEASE_DAYS;
        if (leaseDays == null) {
            if (leaseMaxDays != null) {
                problems.reject("leaseDays", "request.error.leaseRequired", leaseMaxDays);
            }
        } else if (leaseDays < 1 || leaseDays > max) {
            problems.reject("leaseDays", "request.error.leaseRange", max);
        }
    }

    /** The spec's limits, lowered to the tenant's cap on one VM where it has one. */
    static void checkShape(RequestForm form, Tenant.VmCap cap, FieldProblems.Collector problems) {
        int maxCpu = cap.cpu() == null ? MAX_CPU : Math.min(cap.cpu(), MAX_CPU);
        long maxMemory = cap.memoryMb() == null ? MAX_MEMORY_MB : Math.min(cap.memoryMb(), MAX_MEMORY_MB);
        long maxDisk = cap.diskGb() == null ? MAX_DISK_GB : Math.min(cap.diskGb(), MAX_DISK_GB);
        if (form.cpu() == null) {
            problems.reject("cpu", "request.error.required");
        } else if (form.cpu() < 1 || form.cpu() > maxCpu) {
            problems.reject("cpu", "request.error.cpuRange", maxCpu);
        }
        if (form.memoryMb() == null) {
            problems.reject("memoryMb", "request.error.required");
        } else if (form.memoryMb() < MEMORY_STEP_MB || form.memoryMb() > maxMemory
                || form.memoryMb() % MEMORY_STEP_MB != 0) {
            problems.reject("memoryMb", "request.error.memoryRule", MEMORY_STEP_MB, maxMemory);
        }
        if (form.diskGb() == null) {
            problems.reject("diskGb", "request.error.required");
        } else if (form.diskGb() < 1 || form.diskGb() > maxDisk) {
            problems.reject("diskGb", "request.error.diskRule", maxDisk);
        }
        if (form.count() == null) {
            problems.reject("count", "request.error.required");
        } else if (form.count() < 1 || form.count() > MAX_COUNT) {
            problems.reject("count", "request.error.countRange", MAX_COUNT);
        }
    }

    /** A VM's system disk holds the template's image: it cannot be smaller. */
    private static void checkAgainstTemplate(RequestForm form, TemplateInfo template,
            FieldProblems.Collector problems) {
        long templateGb = (template.diskBytes() + GIB - 1) / GIB;
        if (form.diskGb() != null && !problems.has("diskGb") && form.diskGb() < templateGb) {
            problems.reject("diskGb", "request.error.diskBelowTemplate", templateGb);
        }
    }

    /**
     * A reason (of a request or a rejection): some visible text, at most {@value #MAX_REASON}
     * characters (counted as people count them, not in UTF-16 units), no control characters
     * but line breaks and tabs.
     */
    static void checkReason(String reason, FieldProblems.Collector problems) {
        checkText("reason", reason, MAX_REASON, "request.error.reasonTooLong", problems);
    }

    /**
     * A reason that may be left out (a data disk where the tenant asks no approval): blank is
     * accepted, anything else is checked as {@link #checkReason}.
     */
    static void checkReason(String reason, boolean required, FieldProblems.Collector problems) {
        if (required || (reason != null && !INVISIBLE.matcher(reason).replaceAll("").isBlank())) {
            checkReason(reason, problems);
        }
    }

    /**
     * A text of at most {@code max} characters that is not blank and holds no control
     * characters, direction overrides or halves of a character (lone surrogates, which the
     * database would store as '?').
     */
    static void checkText(String field, String text, int max, String tooLongKey, FieldProblems.Collector problems) {
        if (text == null || INVISIBLE.matcher(text).replaceAll("").isBlank()) {
            problems.reject(field, "request.error.required");
        } else if (text.codePointCount(0, text.length()) > max) {
            problems.reject(field, tooLongKey, max);
        } else if (hasControlCharacters(text)) {
            problems.reject(field, "reason".equals(field) ? "error.request.reasonInvalid"
                    : "request.error.textInvalid");
        }
    }

    /** Whether {@code text} holds control characters other than line breaks and tabs. */
    public static boolean hasControlCharacters(String text) {
        return CONTROL.matcher(text).find()
                || text.codePoints().anyMatch(c -> c <= 0xFFFF && Character.isSurrogate((char) c));
    }

    /** What {@code form}'s VMs take, against what is left for the person and free in the tenant. */
    static void checkQuota(RequestForm form, Quota left, Quota tenantFree,
            FieldProblems.Collector problems) {
        int count = form.count();
        if (count > left.vms()) {
            problems.reject("count", key(Resource.VMS, left, tenantFree, "request.error.capVms",
                    "request.error.quotaVms"), left.vms());
        }
        if ((long) form.cpu() * count > left.cpu()) {
            problems.reject("cpu", key(Resource.CPU, left, tenantFree, "request.error.capCpu",
                    "request.error.quotaCpu"), left.cpu());
        }
        if (form.memoryMb() * count > left.memoryMb()) {
            problems.reject("memoryMb", key(Resource.MEMORY_MB, left, tenantFree, "request.error.capMemory",
                    "request.error.quotaMemory"), left.memoryMb());
        }
        if (form.diskGb() * count > left.diskGb()) {
            problems.reject("diskGb", key(Resource.DISK_GB, left, tenantFree, "request.error.capDisk",
                    "request.error.quotaDisk"), left.diskGb());
        }
    }

    /** The department's message, or the personal cap's where that leaves less than the department. */
    private static String key(Resource resource, Quota left, Quota tenantFree, String personal, String tenant) {
        return left.get(resource) < tenantFree.get(resource) ? personal : tenant;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
