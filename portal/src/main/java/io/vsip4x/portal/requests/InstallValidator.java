package io.vsip4x.portal.requests;

import io.vsip4x.portal.platform.Catalog;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.web.FieldProblems;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of an installation from an ISO image (kind INSTALL): one VM within the same shape
 * limits as a new VM from a template ({@code installVm} takes the same: vCPU 1–16, memory a
 * multiple of 512 MiB up to 32 GiB, disk up to 2 TiB, and the tenant's cap on one VM), an image
 * the person may use that lives in the pool asked for, a network of the tenant's catalog, and
 * the OS type and bits, each optional (the image's when left out).
 */
final class InstallValidator {

    static final int MAX_OS_TYPE = 64;
    static final Set<String> OS_BITS = Set.of("32", "64");
    private static final Pattern OS_TYPE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._()+-]*");

    private InstallValidator() {
    }

    /**
     * Checks {@code form}, an installation, against the offer it may use ({@code catalog} and
     * {@code images}, both as the person sees them) and what is left of the quota
     * ({@code left} for them, {@code tenantFree} for the tenant).
     *
     * @throws FieldProblems listing every problem, field by field
     */
    static void validate(RequestForm form, Catalog catalog, List<InstallImages.ImageOption> images, Quota left,
            Integer leaseMaxDays, Tenant.VmCap cap, Quota tenantFree) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        RequestValidator.checkLease(form.leaseDays(), leaseMaxDays, problems);

        boolean poolKnown = false;
        if (blank(form.repoName())) {
            problems.reject("repoName", "request.error.required");
        } else if (catalog.pool(form.repoName()).isEmpty()) {
            problems.reject("repoName", "request.error.poolUnknown");
        } else {
            poolKnown = true;
        }
        Optional<InstallImages.ImageOption> image = blank(form.imageId()) ? Optional.empty()
                : images.stream().filter(i -> i.imageId().equals(form.imageId().strip())).findFirst();
        if (blank(form.imageId())) {
            problems.reject("imageId", "request.error.required");
        } else if (image.isEmpty()) {
            problems.reject("imageId", "install.error.imageUnknown");
        } else if (poolKnown && !image.get().repoName().equals(form.repoName())) {
            problems.reject("imageId", "install.error.imageOtherPool", image.get().name());
        }
        if (blank(form.network())) {
            problems.reject("network", "request.error.required");
        } else if (catalog.network(form.network()).isEmpty()) {
            problems.reject("network", "request.error.networkUnknown");
        }
        checkOs(form, problems);
        RequestValidator.checkShape(form, cap, problems);
        if (form.count() != null && form.count() != 1 && !problems.has("count")) {
            problems.reject("count", "install.error.oneVm");
        }
        RequestValidator.checkReason(form.reason(), problems);

        if (problems.isEmpty()) {
            RequestValidator.checkQuota(form, left, tenantFree, problems);
        }
        problems.throwIfAny();
    }

    /** An OS type of letters, digits and a few signs, at most {@value #MAX_OS_TYPE} long; bits 32 or 64. */
    private static void checkOs(RequestForm form, FieldProblems.Collector problems) {
        String type = form.osType() == null ? null : form.osType().strip();
        if (type != null && !type.isEmpty()
                && (type.length() > MAX_OS_TYPE || !OS_TYPE.matcher(type).matches())) {
            problems.reject("osType", "install.error.osType", MAX_OS_TYPE);
        }
        String bits = form.osBits() == null ? null : form.osBits().strip();
        if (bits != null && !bits.isEmpty() && !OS_BITS.contains(bits)) {
            problems.reject("osBits", "install.error.osBits");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
