package io.vsip4x.portal.console.links;

import io.vsip4x.portal.console.PortalPublicUrl;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The base of lease URLs: {@code portal.public-url} when set, else the scheme, host and port of
 * the request being answered (what the person's browser or API client reached).
 */
@Component
class LeaseUrls {

    private final PortalPublicUrl publicUrl;

    LeaseUrls(PortalPublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    /** The base for the current request, without a trailing slash. */
    String base() {
        if (publicUrl.publicUrl() != null) {
            return publicUrl.publicUrl().toString();
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
