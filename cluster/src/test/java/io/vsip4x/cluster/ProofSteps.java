package io.vsip4x.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The proof's repeated steps: requests through nginx, approvals, and what the simulator was asked. */
final class ProofSteps {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Cluster cluster;
    private final Web web;
    private final Connection db;
    private final String password;

    ProofSteps(Cluster cluster, Web web, Connection db, String password) {
        this.cluster = cluster;
        this.web = web;
        this.db = db;
        this.password = password;
    }

    /** Requests of one VM each, {@code count} of them, submitted through nginx in parallel. */
    List<Long> submit(int count, String network) throws Exception {
        String body = String.format("{\"templateId\":\"%s\",\"repoName\":\"%s\",\"cpu\":1,\"memoryMb\":1024,"
                + "\"diskGb\":40,\"count\":1,\"network\":\"%s\",\"reason\":\"cluster proof\"}", ProofData.TEMPLATE,
                ProofData.POOL, network);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(pool.submit(() -> web.apiPost(cluster.nginx().https() + "/api/v1/requests", ProofData.USER,
                    password, body)));
        }
        pool.shutdown();
        List<Long> ids = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> r = answer.get(2, TimeUnit.MINUTES);
            assertThat(r.statusCode()).as("request answer %s", r.body()).isEqualTo(201);
            JsonNode request = JSON.readTree(r.body());
            ids.add(request.get("id").asLong());
        }
        return ids;
    }

    Integer approve(PortalNode node, long id) throws IOException, InterruptedException {
        return web.apiPost(node.url() + "/api/v1/requests/" + id + "/approve", ProofData.APPROVER, password, "{}")
                .statusCode();
    }

    List<String> vmIds(String requestIds) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (var st = db.createStatement(); var rs = st.executeQuery("SELECT vm_id FROM vm WHERE request_id IN ("
                + requestIds + ")")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** Each VM exists at the simulator and was named in exactly one createVm call. */
    void assertCreatedOnceAtTheSimulator(List<String> vmIds) throws Exception {
        JsonNode created = JSON.readTree(cluster.simulator().admin("GET", "/admin/calls", null))
                .path("createVm").path("vmIds");
        String listed = cluster.simulator().call("searchVmList", "[{}]");
        for (String vm : vmIds) {
            assertThat(created.path(vm).asLong()).as("createVm calls naming %s", vm).isEqualTo(1);
            assertThat(listed).as("the simulator lists %s", vm).contains("\"" + vm + "\"");
        }
    }

    static int status(HttpClient session, String url) throws IOException, InterruptedException {
        return session.send(Web.get(url), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
