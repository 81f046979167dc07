package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/** The API's OpenAPI description lists every endpoint of the API, and its browsable page is served. */
class OpenApiIntegrationTest extends PortalTestSupport {

    @Test
    void describesEveryEndpointOfTheApi() {
        RestClient anonymous = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        Map<String, Object> doc = anonymous.get().uri("/v3/api-docs").retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });

        @SuppressWarnings("unchecked")
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        assertThat(paths).containsKeys("/api/v1/me", "/api/v1/catalog", "/api/v1/requests",
                "/api/v1/requests/{id}", "/api/v1/approvals", "/api/v1/requests/{id}/approve",
                "/api/v1/requests/{id}/reject", "/api/v1/vms", "/api/v1/vms/{vmId}", "/api/v1/vms/{vmId}/{action}",
                "/api/v1/platform", "/api/v1/me/api-tokens", "/api/v1/me/api-tokens/{id}");
        assertThat(doc.get("components").toString()).contains("basic", "bearer");
        assertThat(anonymous.get().uri("/swagger-ui/index.html").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(200);
    }
}
