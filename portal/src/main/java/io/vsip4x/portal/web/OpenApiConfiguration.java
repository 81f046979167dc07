package io.vsip4x.portal.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's description at {@code /v3/api-docs}, browsable at {@code /api-docs.html}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI portalApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Vsip4x self-service portal API")
                        .version("v1")
                        .description("What the pages offer, as JSON. Sign in with HTTP Basic, or with a "
                                + "personal API token (`Authorization: Bearer vsip4x_pat_…`, made on the page "
                                + "/account/api-tokens); accounts whose sign-in policy needs a UKEY must use a "
                                + "token. Errors are "
                                + "application/problem+json, with the platform result code as `code` where "
                                + "there is one and one message per field as `errors` for bad input."))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic"))
                        .addSecuritySchemes("apiToken", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("A personal API token")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("apiToken"));
    }
}
