package io.vsip4x.portal.identity;

import io.vsip4x.portal.PortalTestSupport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** Accounts of a test's own (security admins, auditors) and an API client with any password. */
abstract class AccountTestSupport extends PortalTestSupport {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    /** A fresh name, unique in the run. */
    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new platform-wide account holding {@code role}, with the test password. */
    String newAccount(String prefix, Role role) {
        String name = unique(prefix);
        users.create(name, PASSWORD, "测试 " + name, null, Set.of(role));
        return name;
    }

    String newSecurityAdmin() {
        return newAccount("sa", Role.SECURITY_ADMIN);
    }

    /**
     * A JSON client signed in as {@code username} with {@code password} (with an API token of theirs
     * instead when their policy needs a UKEY and the password is right: {@link #apiAuthorization});
     * answers are never thrown.
     */
    RestClient client(String username, String password, String language) {
        String authorization = apiAuthorization(username, password);
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port + "/api/v1")
                .defaultHeaders(h -> {
                    h.set(HttpHeaders.AUTHORIZATION, authorization);
                    h.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
                    h.set(HttpHeaders.ACCEPT_LANGUAGE, language);
                })
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    ResponseEntity<Map<String, Object>> send(RestClient client, String method, String path, Object body) {
        RestClient.RequestBodySpec spec = client.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(path).contentType(MediaType.APPLICATION_JSON);
        if (body != null) {
            spec.body(body);
        }
        return spec.retrieve().toEntity(JSON);
    }

    /** The status of {@code GET path} for {@code username} signing in with {@code password}. */
    int statusAs(String username, String password, String path) {
        return client(username, password, "en").get().uri(path).retrieve().toBodilessEntity()
                .getStatusCode().value();
    }

    /** The value of one column of the account. */
    <T> T column(String username, String column, Class<T> type) {
        return jdbc.sql("SELECT " + column + " FROM app_user WHERE username = :u").param("u", username)
                .query(type).list().get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> errors(ResponseEntity<Map<String, Object>> answer) {
        return (Map<String, String>) answer.getBody().get("errors");
    }

    /** A new-account body: a user of {@code tenant} with the given password (null: made up). */
    static Map<String, Object> userBody(String username, String tenant, String password) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("username", username);
        body.put("displayName", "新用户 " + username);
        body.put("email", username + "@example.org");
        body.put("tenant", tenant);
        body.put("roles", List.of("USER"));
        body.put("clearance", 1);
        body.put("password", password);
        body.put("mustChangePassword", false);
        return body;
    }
}
