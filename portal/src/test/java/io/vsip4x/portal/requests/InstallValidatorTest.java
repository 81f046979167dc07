package io.vsip4x.portal.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vsip4x.portal.platform.Catalog;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.sdk.model.ImageInfo;
import io.vsip4x.sdk.model.NetworkInfo;
import io.vsip4x.sdk.model.PoolInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules of an installation from an ISO image, on a catalog with a pool of classification 2
 * (the simulator's pools are all of level 0): its images are offered, and accepted, only to a
 * viewer cleared for it, as {@code CatalogService.forViewer} cuts the catalog at their clearance.
 */
class InstallValidatorTest {

    private static final Catalog TENANT = new Catalog(List.of(),
            List.of(new PoolInfo("pool-a", "池 A", "", "ha", 0, 0, true, 0, Map.of()),
                    new PoolInfo("pool-s", "机密池", "", "ha", 0, 0, true, 2, Map.of())),
            List.of(new NetworkInfo("net-a", "办公网")));
    private static final List<ImageInfo> IMAGES = List.of(
            new ImageInfo("iso-a", "a.iso", "CentOS 7", "64", "pool-a"),
            new ImageInfo("iso-s", "s.iso", "Kylin V10", "64", "pool-s"),
            new ImageInfo("iso-elsewhere", "x.iso", "Other", "64", "pool-other"));
    private static final Quota PLENTY = new Quota(100, 100 * 1024, 10_000, 100);

    static RequestForm install(String imageId, String pool) {
        return new RequestForm(null, pool, 2, 2048L, 40L, 1, "net-a", "装机", true, null, "INSTALL", imageId,
                null, null);
    }

    private static Map<String, String> problems(RequestForm form, Catalog catalog) {
        FieldProblems thrown = catchThrowableOfType(FieldProblems.class, () -> InstallValidator.validate(form,
                catalog, InstallImages.offered(catalog, IMAGES), PLENTY, null, Tenant.VmCap.NONE, PLENTY));
        assertThat(thrown).as("problems of %s", form).isNotNull();
        return thrown.problems().stream().collect(java.util.stream.Collectors.toMap(FieldProblems.Problem::field,
                FieldProblems.Problem::messageKey, (a, b) -> a));
    }

    @Test
    void imagesOfPoolsAboveTheViewersClearanceAreNeitherOfferedNorAccepted() {
        Catalog uncleared = TENANT.upTo(0);
        assertThat(InstallImages.offered(uncleared, IMAGES)).extracting(InstallImages.ImageOption::imageId)
                .containsExactly("iso-a");
        assertThat(problems(install("iso-s", "pool-s"), uncleared))
                .containsEntry("imageId", "install.error.imageUnknown")
                .containsEntry("repoName", "request.error.poolUnknown");

        Catalog cleared = TENANT.upTo(2);
        assertThat(InstallImages.offered(cleared, IMAGES)).extracting(InstallImages.ImageOption::imageId)
                .containsExactly("iso-a", "iso-s");
        assertThatCode(() -> InstallValidator.validate(install("iso-s", "pool-s"), cleared,
                InstallImages.offered(cleared, IMAGES), PLENTY, null, Tenant.VmCap.NONE, PLENTY))
                .doesNotThrowAnyException();
    }

    @Test
    void imageOfAPoolNotGrantedOrAnotherPoolIsRefused() {
        assertThat(problems(install("iso-elsewhere", "pool-a"), TENANT))
                .containsEntry("imageId", "install.error.imageUnknown");
        assertThat(problems(install("iso-s", "pool-a"), TENANT))
                .containsEntry("imageId", "install.error.imageOtherPool");
    }

    @Test
    void shapeFollowsTheTenantsCapOnOneVm() {
        RequestForm big = new RequestForm(null, "pool-a", 8, 16384L, 500L, 1, "net-a", "装机", true, null,
                "INSTALL", "iso-a", "CentOS", "64");
        FieldProblems thrown = catchThrowableOfType(FieldProblems.class, () -> InstallValidator.validate(big,
                TENANT, InstallImages.offered(TENANT, IMAGES), PLENTY, null, new Tenant.VmCap(4, 8192L, 100L),
                PLENTY));
        assertThat(thrown.problems()).extracting(FieldProblems.Problem::field)
                .containsExactlyInAnyOrder("cpu", "memoryMb", "diskGb");
    }
}
