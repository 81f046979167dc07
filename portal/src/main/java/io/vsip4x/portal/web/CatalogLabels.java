package io.vsip4x.portal.web;

import io.vsip4x.portal.platform.Catalog;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.sdk.model.NetworkInfo;
import io.vsip4x.sdk.model.TemplateInfo;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How pages name templates and networks ({@code ${@catalogLabels.template(id)}}): the same
 * words everywhere, from the platform's catalog, with the id alone when the platform cannot
 * be asked. A template made from a VM is named as its maker named it ({@code vm_template}); an
 * adopted VM's, which the platform does not tell (a blank id), is named as unknown.
 */
@Component("catalogLabels")
public class CatalogLabels {

    private final CatalogService catalog;
    private final JdbcClient jdbc;
    private final MessageSource messages;

    CatalogLabels(CatalogService catalog, JdbcClient jdbc, MessageSource messages) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.messages = messages;
    }

    /** {@code CentOS 7 · 64 位 (tpl-centos7)}, the name its maker gave it with the id, or the id. */
    public String template(String templateId) {
        if (templateId == null || templateId.isBlank()) {
            return messages.getMessage("placement.templateUnknown", null, LocaleContextHolder.getLocale());
        }
        java.util.Optional<String> named = jdbc.sql(
                "SELECT display_name FROM vm_template WHERE template_id = :id AND display_name IS NOT NULL")
                .param("id", templateId).query(String.class).optional();
        if (named.isPresent()) {
            return named.get() + " (" + templateId + ")";
        }
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
