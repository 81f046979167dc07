package io.vsip4x.portal.identity.ukey;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Accounts, key serials and API calls of the UKEY administration tests. */
abstract class UkeyAdminTestSupport extends PortalTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
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

    /** A bind body for {@code username}: a fresh serial and platform user. */
    static Map<String, Object> bindBody(String username) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("sid", unique("ADM-").toUpperCase());
        body.put("certUser", "证书 " + username);
        body.put("platformUserId", unique("pu-"));
        body.put("label", "办公室 UKEY");
        return body;
    }

    /** Any method with a JSON body (or none) as {@code user}; answers are never thrown. */
    ResponseEntity<Map<String, Object>> send(String user, String method, String path, Object body) {
        var spec = api(user).method(HttpMethod.valueOf(method)).uri(path).contentType(MediaType.APPLICATION_JSON);
        if (body != null) {
            spec.body(body);
        }
        return spec.retrieve().toEntity(JSON);
    }

    /** Binds through the API as {@code admin}; the new binding's id. */
    long bind(String admin, Map<String, Object> body) {
        ResponseEntity<Map<String, Object>> bound = post(admin, "/ukey-bindings", body);
        if (bound.getStatusCode().value() != 201) {
            throw new AssertionError("bind answered " + bound.getStatusCode() + ": " + bound.getBody());
        }
        return ((Number) bound.getBody().get("id")).longValue();
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> errors(ResponseEntity<Map<String, Object>> answer) {
        return (Map<String, String>) answer.getBody().get("errors");
    }

    /** The actions the operation log holds of {@code actor} on {@code target}, oldest first. */
    List<String> actions(String actor, String target) {
        return jdbc.sql("SELECT action FROM audit_event WHERE actor = :a AND target = :t ORDER BY id")
                .param("a", actor).param("t", target).query(String.class).list();
    }

    /** The parameters of the latest event of {@code action} on {@code target}. */
    String params(String action, String target) {
        return jdbc.sql("SELECT params FROM audit_event WHERE action = :a AND target = :t ORDER BY id DESC LIMIT 1")
                .param("a", action).param("t", target).query(String.class).single();
    }

    long accountId(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).single();
    }
}
