package io.vsip4x.portal.console;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The address people and native clients reach the portal at ({@code portal.public-url}), e.g.
 * {@code https://portal.example.org}; behind a reverse proxy it is the proxy's. When it is not
 * set, links are built from the request that asks for them (its scheme, host and port).
 *
 * @param publicUrl the base address without a trailing slash, or {@code null}
 */
@ConfigurationProperties("portal")
public record PortalPublicUrl(URI publicUrl) {
}
