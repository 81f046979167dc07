package io.vsip4x.portal.web;

import io.vsip4x.portal.platform.Catalog;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.sdk.model.NetworkInfo;
import io.vsip4x.sdk.model.TemplateInfo;
import org.springframework.stereotype.Component;

/**
 * How pages name templates and networks ({@code ${@catalogLabels.template(id)}}): the same
 * words everywhere, from the platform's catalog, with the id alone when the platform cannot
 * be asked.
 */
@Component("catalogLabels")
public class CatalogLabels {

    private final CatalogService catalog;

    CatalogLabels(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** {@code CentOS 7 · 64 位 (tpl-centos7)}, or the id. */
    public String template(String templateId) {
        return known().flatMap(c -> c.template(templateId))
                .map(t -> describe(t) + " (" + t.templateId() + ")")
                .orElse(templateId);
    }

    /** The network's name, or the id. */
    public String network(String networkId) {
        return known().flatMap(c -> c.network(networkId))
                .map(NetworkInfo::virtualNetworkName)
                .orElse(networkId);
    }

    private static String describe(TemplateInfo t) {
        return t.osBits() == null ? t.osType() : t.osType() + " " + t.osBits() + "-bit";
    }

    private java.util.Optional<Catalog> known() {
        try {
            return java.util.Optional.of(catalog.all());
        } catch (PlatformUnavailableException e) {
            return java.util.Optional.empty();
        }
    }
}
