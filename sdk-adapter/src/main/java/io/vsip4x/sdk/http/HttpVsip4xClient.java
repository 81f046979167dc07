package io.vsip4x.sdk.http;

import io.vsip4x.sdk.SdkMaps;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xClient;
import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.Vsip4xSettings;
import io.vsip4x.sdk.Vsip4xUnreachableException;
import io.vsip4x.sdk.model.CreateVmSpec;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.ImageInfo;
import io.vsip4x.sdk.model.ModifyVmSpec;
import io.vsip4x.sdk.model.Monitoring;
import io.vsip4x.sdk.model.NetworkInfo;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.PoolMonitor;
import io.vsip4x.sdk.model.Remainder;
import io.vsip4x.sdk.model.SystemInfo;
import io.vsip4x.sdk.model.TemplateInfo;
import io.vsip4x.sdk.model.VmNumAvailable;
import io.vsip4x.sdk.model.VmNumQuery;
import io.vsip4x.sdk.model.VmSummary;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The Vsip4x client over our HTTP binding ({@code docs/platform-binding.md}). */
public class HttpVsip4xClient implements Vsip4xClient {

    private static final Logger log = LoggerFactory.getLogger(HttpVsip4xClient.class);
    private static final int QUERY_ATTEMPTS = 2;

    private final Vsip4xSettings settings;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String authorization;

    public HttpVsip4xClient(Vsip4xSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        String credentials = settings.accountName() + ":" + settings.accountPassword();
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Object call(String method, Object... args) {
        int attempts = isQuery(method) ? QUERY_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                return send(method, args);
            } catch (Vsip4xUnreachableException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                log.debug("Query '{}' failed on attempt {}, trying again", method, attempt);
            }
        }
    }

    /** Whether repeating {@code method} is harmless: the read-only queries. */
    static boolean isQuery(String method) {
        return method.startsWith("search") || method.startsWith("get")
                || method.startsWith("check") || method.equals("resynVm");
    }

    private Object send(String method, Object[] args) {
        byte[] body = json.writeValueAsBytes(Map.of("args", Arrays.asList(args)));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint(method))
                .timeout(settings.readTimeout())
                .header("Authorization", authorization)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (settings.ipAddress() != null) {
            request.header("X-Vsip4x-Ip", settings.ipAddress());
        }
        if (settings.callbackUrl() != null) {
            request.header("X-Vsip4x-Callback-Url", settings.callbackUrl().toString());
        }

        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Vsip4xUnreachableException(method, "The platform did not answer " + method
                    + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Vsip4xUnreachableException(method, "Interrupted while calling " + method, e);
        }

        int status = response.statusCode();
        if (status >= 500) {
            throw new Vsip4xUnreachableException(method, "The platform answered " + method
                    + " with HTTP " + status, null);
        }
        if (status != 200) {
            throw new Vsip4xProtocolException(method, status, "The platform refused " + method
                    + " with HTTP " + status);
        }
        return parse(method, response.body());
    }

    private Object parse(String method, byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            Object value = json.readValue(body, Object.class);
            if (value instanceof Map<?, ?> map) {
                return SdkMaps.trimKeys(map);
            }
            if (value instanceof List<?> list) {
                return list.stream().map(item -> item instanceof Map<?, ?> m ? SdkMaps.trimKeys(m) : item).toList();
            }
            return value;
        } catch (JacksonException e) {
            throw new Vsip4xProtocolException(method, 200, "The platform's answer to " + method
                    + " is not JSON");
        }
    }

    private URI endpoint(String method) {
        String base = settings.connectUrl().toString();
        return URI.create(base.endsWith("/") ? base + method : base + "/" + method);
    }

    private SdkResult result(String method, Object... args) {
        Object answer = call(method, args);
        if (answer instanceof Map<?, ?> map) {
            return SdkResult.of(SdkMaps.trimKeys(map));
        }
        throw new Vsip4xProtocolException(method, 200, "The platform's answer to " + method + " is not a map");
    }

    /** Reads a bare list answer, or the {@code data} list of a result map (catalog A16, A17). */
    private <T> List<T> list(String method, Function<Map<String, Object>, T> reader, Object... args) {
        Object answer = call(method, args);
        List<Map<String, Object>> rows;
        if (answer instanceof List<?>) {
            rows = SdkMaps.maps(Map.of("data", answer), "data");
        } else if (answer instanceof Map<?, ?> map) {
            SdkResult result = SdkResult.of(SdkMaps.trimKeys(map));
            if (!result.ok()) {
                throw new Vsip4xProtocolException(method, 200, "The platform refused " + method
                        + " with code " + result.code());
            }
            rows = SdkMaps.maps(result.raw(), "data");
        } else {
            throw new Vsip4xProtocolException(method, 200, "The platform gave no list for " + method);
        }
        return rows.stream().map(reader).toList();
    }

    @Override
    public List<VmSummary> searchVmList(Map<String, Object> filter) {
        return list("searchVmList", VmSummary::from, filter);
    }

    @Override
    public SdkResult createVm(CreateVmSpec spec) {
        return result("createVm", spec.toParams());
    }

    @Override
    public Remainder getCreateRemainder(CreateVmSpec spec, String poolName) {
        return Remainder.from(result("getCreateRemainder", spec.toRemainderParams(poolName)));
    }

    @Override
    public SdkResult startVm(String vmId) {
        return result("startVm", vmId);
    }

    @Override
    public SdkResult shutdownVm(String vmId) {
        return result("shutdownVm", vmId);
    }

    @Override
    public SdkResult rebootVm(String vmId) {
        return result("rebootVm", vmId);
    }

    @Override
    public SdkResult pauseVm(String vmId) {
        return result("pauseVm", vmId);
    }

    @Override
    public SdkResult resumeVm(String vmId) {
        return result("resumeVm", vmId);
    }

    @Override
    public SdkResult deleteVm(String vmId, boolean secureErase) {
        return result("deleteVm", vmId, secureErase);
    }

    @Override
    public SdkResult deleteVmBatch(List<String> vmIds, boolean secureErase) {
        return result("deleteVmBatch", List.copyOf(vmIds), secureErase);
    }

    @Override
    public Remainder getModifyRemainder(ModifyVmSpec spec) {
        return Remainder.from(result("getModifyRemainder", spec.toRemainderParams()));
    }

    @Override
    public SdkResult modifyVm(ModifyVmSpec spec) {
        return result("modifyVm", spec.toParams());
    }

    @Override
    public VmNumAvailable getCreateVmNumAvailable(VmNumQuery query) {
        return VmNumAvailable.from(result("getCreateVmNumAvailable", query.toParams()));
    }

    @Override
    public SdkResult resynVm(String vmId) {
        return result("resynVm", vmId);
    }

    @Override
    public List<TemplateInfo> searchTemplateList(Map<String, Object> filter) {
        return list("searchTemplateList", TemplateInfo::from, filter);
    }

    @Override
    public List<PoolInfo> searchRepository(Map<String, Object> filter) {
        return list("searchRepository", PoolInfo::from, filter);
    }

    @Override
    public List<NetworkInfo> getVirtualNetwork(String repoId) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (repoId != null) {
            params.put("repoId", repoId);
        }
        return list("getVirtualNetwork", NetworkInfo::from, params);
    }

    @Override
    public List<HostInfo> searchHostList(Map<String, Object> filter) {
        return list("searchHostList", HostInfo::from, filter);
    }

    @Override
    public List<ImageInfo> searchInstallImages(String type) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (type != null) {
            params.put("type", type);
        }
        return list("searchInstallImages", ImageInfo::from, params);
    }

    @Override
    public SystemInfo getSystemInfo() {
        return SystemInfo.from(result("getSystemInfo"));
    }

    @Override
    public Optional<PoolInfo> getRepositoryInfo(String repoName) {
        PoolInfo pool = PoolInfo.from(result("getRepositoryInfo", repoName).raw());
        return Optional.ofNullable(pool.repositoryId()).map(id -> pool);
    }

    @Override
    public Optional<PoolMonitor> getRepositoryMonitor(String repoName) {
        PoolMonitor monitor = PoolMonitor.from(result("getRepositoryMonitor", repoName).raw());
        return Optional.ofNullable(monitor.pool().repositoryId()).map(id -> monitor);
    }

    @Override
    public List<String> searchRepoHosts(String repoId) {
        Object hostIds = result("searchRepoHosts", repoId).raw().get("hostIds");
        if (hostIds instanceof List<?> ids) {
            return ids.stream().filter(id -> id != null).map(String::valueOf).toList();
        }
        return List.of();
    }

    @Override
    public Monitoring getHostMonitorInfo(List<String> hostIds) {
        return Monitoring.from(result("getHostMonitorInfo", List.copyOf(hostIds)));
    }

    @Override
    public Monitoring getVmMonitorInfo(List<String> vmIds) {
        return Monitoring.from(result("getVmMonitorInfo", List.copyOf(vmIds)));
    }
}
