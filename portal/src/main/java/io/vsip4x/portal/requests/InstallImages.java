package io.vsip4x.portal.requests;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.platform.Catalog;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.ImageInfo;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The ISO images a person may install a VM from: those {@code searchInstallImages} lists in a pool
 * of their tenant's catalog as they may see it (granted to the tenant, within their clearance and
 * the tenant's ceiling). An image lives in one pool and carries that pool's classification.
 */
@Component
class InstallImages {

    private final PlatformClient platform;
    private final CatalogService catalog;

    InstallImages(PlatformClient platform, CatalogService catalog) {
        this.platform = platform;
        this.catalog = catalog;
    }

    /**
     * An image offered: its id, file name, OS type and bits, and the pool it lives in.
     *
     * @param repoName the id of its pool (the form's {@code repoName})
     */
    record ImageOption(String imageId, String name, String osType, String osBits, String repoName) {

        static ImageOption of(ImageInfo image) {
            return new ImageOption(image.id(), image.name(), image.type(), image.bits(), image.repository());
        }
    }

    /**
     * The images {@code viewer} may use, in the order the platform lists them.
     *
     * @throws PlatformUnavailableException when the platform cannot be asked
     */
    List<ImageOption> forViewer(CurrentUser viewer) {
        return within(catalog.forViewer(viewer));
    }

    /** The images of the pools {@code offer} holds. */
    List<ImageOption> within(Catalog offer) {
        return offered(offer, all());
    }

    /** Of {@code images}, those in a pool {@code offer} holds. */
    static List<ImageOption> offered(Catalog offer, List<ImageInfo> images) {
        Set<String> pools = offer.pools().stream().map(p -> p.repositoryId()).collect(Collectors.toSet());
        return images.stream().filter(i -> i.id() != null && pools.contains(i.repository()))
                .map(ImageOption::of).toList();
    }

    private List<ImageInfo> all() {
        try {
            return platform.read(c -> c.searchInstallImages(null));
        } catch (Vsip4xException e) {
            throw new PlatformUnavailableException(e);
        }
    }
}
