package io.vsip4x.simulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.codes.ResultCode;
import io.vsip4x.sdk.codes.ResultCodes;
import io.vsip4x.sdk.ukey.RequestSignature;
import io.vsip4x.simulator.Logs;
import io.vsip4x.simulator.faults.Faults;
import io.vsip4x.simulator.faults.FaultsJson;
import io.vsip4x.simulator.faults.MethodFault;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the binding: {@code POST {base}/{method}} with Basic authentication and an
 * {@code args} array, answered 200, 400, 401, 404 or 405; {@code GET {base}/binding}, the
 * binding page, and {@code GET {base}/admin/ukey/public-key}, the platform's SM2 public key,
 * open to all; and {@code GET/PUT/DELETE {base}/admin/faults}, the faults in force, with the same
 * credentials; {@code GET/PUT {base}/admin/guest-agents/{vmId}}, a VM's guest agent, read or
 * stopped and started with {@code {"running": false}}, with the same credentials;
 * {@code GET/DELETE {base}/admin/calls}, the calls received per method and the VM ids they named
 * (see {@link CallJournal}), read or forgotten, with the same credentials. While the
 * platform is made down, everything but the admin endpoints answers 503.
 * While a portal public key is configured, a call without a valid SM2 signature of that key is
 * answered 401 with result 1003.
 */
public final class ApiHandler implements HttpHandler {

    /** Header naming where the events of a call go. */
    public static final String CALLBACK_URL_HEADER = "X-Vsip4x-Callback-Url";

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    private static final String BINDING = "binding";
    private static final String ADMIN_FAULTS = "/admin/faults";
    private static final String ADMIN_GUEST_AGENTS = "/admin/guest-agents/";
    private static final String ADMIN_CALLS = "/admin/calls";
    private static final String PUBLIC_KEY_PATH = "/admin/ukey/public-key";
    private static final String BAD_CREDENTIALS = "1003";
    private static final String JSON_TYPE = "application/json; charset=UTF-8";

    private final String basePath;
    private final BasicAuth auth;
    private final MethodRegistry registry;
    private final String defaultCallbackUrl;
    private final Faults faults;
    private final ScheduledExecutorService later;
    private final Supplier<String> platformKeyPem;
    private final Supplier<PublicKey> portalKey;
    private final GuestAgents guestAgents;
    private final JsonMapper json = JsonMapper.builder().build();
    private final CallJournal journal = new CallJournal();

    /**
     * @param defaultCallbackUrl where events go when a call names no callback URL, or
     *                           {@code null}
     * @param faults             the faults to inject
     * @param later              runs the answers of slow calls and closes silent ones
     * @param platformKeyPem     the platform's SM2 public key as PEM, or a supplier of {@code null}
     * @param portalKey          the portal's SM2 public key calls must be signed with, read per
     *                           call; a supplier of {@code null} requires no signature
     * @param guestAgents        the VMs' guest agents, for the admin endpoint
     */
    public ApiHandler(String basePath, String account, String password, MethodRegistry registry,
            String defaultCallbackUrl, Faults faults, ScheduledExecutorService later,
            Supplier<String> platformKeyPem, Supplier<PublicKey> portalKey, GuestAgents guestAgents) {
        this.basePath = basePath;
        this.auth = new BasicAuth(account, password);
        this.registry = registry;
        this.defaultCallbackUrl = defaultCallbackUrl;
        this.faults = faults;
        this.later = later;
        this.guestAgents = guestAgents;
        this.platformKeyPem = platformKeyPem;
        this.portalKey = portalKey;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        answer(exchange, () -> dispatch(exchange));
    }

    /** One step of answering; {@code true} when it handed the exchange on to a later task. */
    @FunctionalInterface
    private interface Step {
        boolean run() throws IOException;
    }

    /** Runs {@code step}, turning failures into answers, and closes unless the step handed on. */
    private void answer(HttpExchange exchange, Step step) throws IOException {
        boolean handedOn = false;
        try {
            handedOn = step.run();
        } catch (RefusalException e) {
            log.info("Refused a call of '{}' with code {}: {}", Logs.safe(exchange.getRequestURI().getPath()),
                    e.code(), Logs.safe(e.getMessage()));
            send(exchange, 200, JSON_TYPE, json.writeValueAsBytes(refusal(e.code())));
        } catch (BadRequestException e) {
            log.debug("Refused a malformed call to '{}': {}", Logs.safe(exchange.getRequestURI().getPath()),
                    Logs.safe(e.getMessage()));
            error(exchange, 400, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Failed to answer '{}'", exchange.getRequestURI().getPath(), e);
            error(exchange, 500, "The simulator failed: " + e.getClass().getSimpleName());
        } finally {
            if (!handedOn) {
                exchange.close();
            }
        }
    }

    /** Answers a request, or hands it on to a later task; whether it did the latter. */
    private boolean dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String verb = exchange.getRequestMethod();
        if ((basePath + ADMIN_FAULTS).equals(path)) {
            admin(exchange);
            return false;
        }
        if ((basePath + ADMIN_CALLS).equals(path)) {
            calls(exchange);
            return false;
        }
        if (path.startsWith(basePath + ADMIN_GUEST_AGENTS)) {
            guestAgent(exchange, path.substring((basePath + ADMIN_GUEST_AGENTS).length()));
            return false;
        }
        if ((basePath + PUBLIC_KEY_PATH).equals(path) && "GET".equals(verb) && platformKeyPem.get() != null) {
            send(exchange, 200, "application/x-pem-file", platformKeyPem.get().getBytes(StandardCharsets.US_ASCII));
            return false;
        }
        String name = methodName(path);
        if (name == null) {
            error(exchange, 404, "No such path");
            return false;
        }
        if (faults.platformDown()) {
            log.debug("Answered '{}' with 503: the platform is made down", name);
            error(exchange, 503, "The platform is down (fault injection)");
            return false;
        }
        if (BINDING.equals(name) && "GET".equals(verb)) {
            bindingPage(exchange);
            return false;
        }
        if (!authorized(exchange, name)) {
            return false;
        }
        if (!"POST".equals(verb)) {
            exchange.getResponseHeaders().add("Allow", "POST");
            error(exchange, 405, "SDK methods are called with POST");
            return false;
        }
        Optional<MethodRegistry.Entry> method = registry.find(name);
        if (method.isEmpty()) {
            log.debug("Refused a call of unknown method '{}'", Logs.safe(name));
            error(exchange, 404, "No such method: " + name);
            return false;
        }
        byte[] body = body(exchange);
        if (!signedWell(exchange, name, body)) {
            log.info("Refused a call of '{}' without a valid SM2 signature", Logs.safe(name));
            Map<String, Object> refusal = refusal(BAD_CREDENTIALS);
            refusal.put("status", 401);
            refusal.put("message", "A valid SM2 signature of the portal's key is required");
            send(exchange, 401, JSON_TYPE, json.writeValueAsBytes(refusal));
            return false;
        }
        List<Object> args = args(body);
        journal.record(method.get().name(), args);
        Optional<MethodFault> fault = faults.take(method.get().name());
        if (fault.isPresent()) {
            return inject(exchange, method.get(), args, fault.get());
        }
        invoke(exchange, method.get(), args);
        return false;
    }

    /** Whether the call needs no signature or carries a valid one for method {@code name}. */
    private boolean signedWell(HttpExchange exchange, String name, byte[] body) {
        PublicKey key = portalKey.get();
        if (key == null) {
            return true;
        }
        String timestamp = exchange.getRequestHeaders().getFirst(RequestSignature.TIMESTAMP_HEADER);
        String signature = exchange.getRequestHeaders().getFirst(RequestSignature.SIGNATURE_HEADER);
        return RequestSignature.verify(key, timestamp, name, body, signature, Instant.now());
    }

    private void invoke(HttpExchange exchange, MethodRegistry.Entry method, List<Object> args) throws IOException {
        Object answer = method.invoke(args, callbackUrl(exchange));
        send(exchange, 200, JSON_TYPE, json.writeValueAsBytes(answer));
        log.debug("Answered {}", method.name());
    }

    private boolean authorized(HttpExchange exchange, String what) throws IOException {
        if (auth.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        log.info("Refused a call of '{}' with bad or missing credentials", Logs.safe(what));
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Vsip4x\", charset=\"UTF-8\"");
        Map<String, Object> refusal = refusal(BAD_CREDENTIALS);
        refusal.put("status", 401);
        refusal.put("message", "Bad or missing credentials");
        send(exchange, 401, JSON_TYPE, json.writeValueAsBytes(refusal));
        return false;
    }

    /** Applies {@code fault} to a call of {@code method}; whether the exchange was handed on. */
    private boolean inject(HttpExchange exchange, MethodRegistry.Entry method, List<Object> args, MethodFault fault)
            throws IOException {
        log.info("Fault injection: answering a call of '{}' with {}", method.name(), fault);
        switch (fault.kind()) {
            case ANSWER -> {
                send(exchange, 200, JSON_TYPE, json.writeValueAsBytes(refusal(fault.code())));
                return false;
            }
            case SLOW -> {
                return schedule(exchange, fault, () -> answerLater(exchange, () -> {
                    invoke(exchange, method, args);
                    return false;
                }));
            }
            default -> {
                return schedule(exchange, fault, exchange::close);
            }
        }
    }

    /** Runs {@code task} after the fault's delay; whether it was scheduled (else nothing ran). */
    private boolean schedule(HttpExchange exchange, MethodFault fault, Runnable task) throws IOException {
        try {
            later.schedule(task, fault.delay().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            error(exchange, 503, "The simulator is stopping");
            return false;
        }
    }

    private void answerLater(HttpExchange exchange, Step step) {
        try {
            answer(exchange, step);
        } catch (IOException e) {
            log.debug("Could not answer a delayed call: {}", e.toString());
        }
    }

    /** {@code GET} shows the faults, {@code PUT} replaces them, {@code DELETE} removes them. */
    private void admin(HttpExchange exchange) throws IOException {
        if (!authorized(exchange, ADMIN_FAULTS)) {
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "GET" -> { }
            case "PUT" -> {
                try {
                    faults.apply(FaultsJson.plan(parse(body(exchange))));
                } catch (IllegalArgumentException e) {
                    throw new BadRequestException("Faults not changed: " + e.getMessage());
                }
            }
            case "DELETE" -> faults.reset();
            default -> {
                exchange.getResponseHeaders().add("Allow", "GET, PUT, DELETE");
                error(exchange, 405, "The faults are read with GET, set with PUT and removed with DELETE");
                return;
            }
        }
        send(exchange, 200, JSON_TYPE, json.writeValueAsBytes(FaultsJson.write(faults.view())));
    }

    /** {@code GET} shows the calls received, {@code DELETE} forgets them and shows none. */
    private void calls(HttpExchange exchange) throws IOException {
        if (!authorized(exchange, ADMIN_CALLS)) {
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "GET" -> { }
            case "DELETE" -> journal.reset();
            default -> {
                exchange.getResponseHeaders().add("Allow", "GET, DELETE");
                error(exchange, 405, "The calls are read with GET and forgotten with DELETE");
                return;
            }
        }
        send(exchange, 200, JSON_TYPE, json.writeValueAsBytes(journal.view()));
    }

    /**
     * A VM's guest agent: {@code GET} reads it, {@code PUT {"running": false}} stops it and
     * {@code {"running": true}} starts it at once; both answer {@code {"vmId", "agentOn"}}.
     */
    private void guestAgent(HttpExchange exchange, String vmId) throws IOException {
        if (!authorized(exchange, ADMIN_GUEST_AGENTS)) {
            return;
        }
        if (vmId.isEmpty() || vmId.contains("/") || guestAgents.agentOn(vmId).isEmpty()) {
            error(exchange, 404, "No such VM");
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "GET" -> { }
            case "PUT" -> {
                if (!(parse(body(exchange)) instanceof Map<?, ?> map) || !(map.get("running") instanceof Boolean on)) {
                    throw new BadRequestException("The body must be {\"running\": true} or {\"running\": false}");
                }
                guestAgents.setRunning(vmId, on);
            }
            default -> {
                exchange.getResponseHeaders().add("Allow", "GET, PUT");
                error(exchange, 405, "A guest agent is read with GET and switched with PUT");
                return;
            }
        }
        send(exchange, 200, JSON_TYPE, json.writeValueAsBytes(Map.of("vmId", vmId, "agentOn",
                guestAgents.agentOn(vmId).orElse(false))));
    }

    /** The VMs' guest agents as the admin endpoint sees them. */
    public interface GuestAgents {

        /** Whether the guest agent of VM {@code vmId} answers; empty when there is no such VM. */
        Optional<Boolean> agentOn(String vmId);

        /** Stops ({@code false}) or starts ({@code true}) the guest agent of VM {@code vmId}. */
        void setRunning(String vmId, boolean running);
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

    private List<Object> args(byte[] body) {
        Object parsed = parse(body);
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new BadRequestException("The body must be a JSON object with an args array");
        }
        String collision = collidingKey(map);
        if (collision != null) {
            throw new BadRequestException("Two keys read as '" + collision + "' once their blanks are trimmed");
        }
        Object args = SdkMaps.trimKeys(map).get("args");
        if (!(args instanceof List<?> list)) {
            throw new BadRequestException("The body must be a JSON object with an args array");
        }
        return new ArrayList<>(list);
    }

    /**
     * A key that two keys of one map, at any depth, become once trimmed (catalog A07 has the spec
     * write keys with stray blanks), or {@code null}: one of them would silently win.
     */
    private static String collidingKey(Object value) {
        if (value instanceof Map<?, ?> map) {
            Set<String> seen = new HashSet<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey()).trim();
                String inner = seen.add(key) ? collidingKey(entry.getValue()) : key;
                if (inner != null) {
                    return inner;
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                String inner = collidingKey(item);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /** The body, at most {@value #MAX_BODY_BYTES} bytes. */
    private static byte[] body(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new BadRequestException("The body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    /** {@code body} parsed as JSON. */
    private Object parse(byte[] body) {
        try {
            return json.readValue(body, Object.class);
        } catch (JacksonException e) {
            throw new BadRequestException("The body is not JSON");
        }
    }

    /**
     * Where the events of this call go: the header's URL, or the default one without it.
     *
     * @throws BadRequestException when the header is not an absolute http or https URL
     */
    private String callbackUrl(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(CALLBACK_URL_HEADER);
        if (header == null || header.isBlank()) {
            return defaultCallbackUrl;
        }
        try {
            URI url = new URI(header.trim());
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null) {
                return url.toString();
            }
        } catch (URISyntaxException e) {
            log.debug("Refused a malformed callback URL: {}", e.getReason());
        }
        throw new BadRequestException(CALLBACK_URL_HEADER + " must be an absolute http or https URL");
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
