package io.vsip4x.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.codes.ResultCode;
import io.vsip4x.sdk.codes.ResultCodes;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the binding: {@code POST {base}/{method}} with Basic authentication and an
 * {@code args} array, answered 200, 400, 401, 404 or 405; and {@code GET {base}/binding}, the
 * binding page, open to all.
 */
public final class ApiHandler implements HttpHandler {

    /** Header naming where the events of a call go. */
    public static final String CALLBACK_URL_HEADER = "X-Vsip4x-Callback-Url";

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final String BINDING = "binding";
    private static final String JSON_TYPE = "application/json; charset=UTF-8";

    private final String basePath;
    private final BasicAuth auth;
    private final MethodRegistry registry;
    private final String defaultCallbackUrl;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param defaultCallbackUrl where events go when a call names no callback URL, or
     *                           {@code null}
     */
    public ApiHandler(String basePath, String account, String password, MethodRegistry registry,
            String defaultCallbackUrl) {
        this.basePath = basePath;
        this.auth = new BasicAuth(account, password);
        this.registry = registry;
        this.defaultCallbackUrl = defaultCallbackUrl;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            dispatch(exchange);
        } catch (RefusalException e) {
            log.info("Refused a call of '{}' with code {}: {}", exchange.getRequestURI().getPath(), e.code(),
                    e.getMessage());
            send(exchange, 200, JSON_TYPE, json.writeValueAsBytes(refusal(e.code())));
        } catch (BadRequestException e) {
            log.debug("Refused a malformed call to '{}': {}", exchange.getRequestURI().getPath(), e.getMessage());
            error(exchange, 400, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Failed to answer '{}'", exchange.getRequestURI().getPath(), e);
            error(exchange, 500, "The simulator failed: " + e.getClass().getSimpleName());
        } finally {
            exchange.close();
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String name = methodName(exchange.getRequestURI().getPath());
        String verb = exchange.getRequestMethod();
        if (name == null) {
            error(exchange, 404, "No such path");
            return;
        }
        if (BINDING.equals(name) && "GET".equals(verb)) {
            bindingPage(exchange);
            return;
        }
        if (!auth.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            log.info("Refused a call of '{}' with bad or missing credentials", name);
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Vsip4x\", charset=\"UTF-8\"");
            error(exchange, 401, "Bad or missing credentials");
            return;
        }
        if (!"POST".equals(verb)) {
            exchange.getResponseHeaders().add("Allow", "POST");
            error(exchange, 405, "SDK methods are called with POST");
            return;
        }
        Optional<MethodRegistry.Entry> method = registry.find(name);
        if (method.isEmpty()) {
            log.debug("Refused a call of unknown method '{}'", name);
            error(exchange, 404, "No such method: " + name);
            return;
        }
        Object answer = method.get().invoke(args(exchange), callbackUrl(exchange));
        send(exchange, 200, JSON_TYPE, json.writeValueAsBytes(answer));
        log.debug("Answered {}", name);
    }

    /** The method named by {@code path}, or {@code null} when the path is not one. */
    private String methodName(String path) {
        String prefix = basePath + "/";
        if (path == null || !path.startsWith(prefix)) {
            return null;
        }
        String name = path.substring(prefix.length());
        return name.isEmpty() || name.contains("/") ? null : name;
    }

    private List<Object> args(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new BadRequestException("The body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        Object parsed;
        try {
            parsed = json.readValue(body, Object.class);
        } catch (JacksonException e) {
            throw new BadRequestException("The body is not JSON");
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new BadRequestException("The body must be a JSON object with an args array");
        }
        Object args = SdkMaps.trimKeys(map).get("args");
        if (!(args instanceof List<?> list)) {
            throw new BadRequestException("The body must be a JSON object with an args array");
        }
        return new ArrayList<>(list);
    }

    private String callbackUrl(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(CALLBACK_URL_HEADER);
        return header == null || header.isBlank() ? defaultCallbackUrl : header.trim();
    }

    private void bindingPage(HttpExchange exchange) throws IOException {
        try (InputStream page = ApiHandler.class.getResourceAsStream("platform-binding.md")) {
            if (page == null) {
                error(exchange, 404, "The binding page is not packaged");
                return;
            }
            send(exchange, 200, "text/markdown; charset=UTF-8", page.readAllBytes());
        }
    }

    private static Map<String, Object> refusal(String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", code);
        body.put("resultinfo", ResultCodes.find(code).map(ResultCode::zh).orElse(""));
        return body;
    }

    private void error(HttpExchange exchange, int status, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("message", message);
        send(exchange, status, JSON_TYPE, json.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
