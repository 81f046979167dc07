package io.vsip4x.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The proof of issue 11: MariaDB, the standalone simulator, two portal nodes of the production profile
 * as processes and Debian's nginx in front with deploy/nginx's file, all on loopback. Sessions work
 * across nodes, approvals through both nodes create each VM once, a node killed while dispatching loses
 * nothing and sends nothing twice, callbacks spread over the nodes are applied once and in order, and
 * a page's live stream on one node sees what the other applied. The nodes' lease is 5 s (instead of
 * 30 s) so that a dead node's claims are taken over within the test. The run's folder, with every
 * process's log, stays in {@code cluster/target/proof-run/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProofTest {

    private static final Logger log = LoggerFactory.getLogger(ClusterProofTest.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WORK_TIMEOUT = Duration.ofMinutes(4);
    private static final String NETWORK_DMZ = "vnet-dmz";

    private Cluster cluster;
    private Web web;
    private Connection db;
    private ProofData.Seeded seeded;
    private String password;
    private ProofSteps steps;

    @BeforeAll
    void startCluster() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path dir = root.resolve("cluster/target/proof-run");
        Cluster.deleteTree(dir);
        cluster = Cluster.start(new Cluster.Options(root, dir, 2, Duration.ofSeconds(5), 4, true,
                List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                // The VMs the test seeds in the database only are not reported gone by the inventory check.
                List.of("--portal.platform.inventory-interval=1h"),
                List.of("--create-delay=500ms", "--power-delay=200ms")));
        web = new Web(Tls.trusting(cluster.nginx().certificate()));
        db = cluster.database().connect();
        seeded = ProofData.seed(db);
        password = cluster.adminPassword();
        steps = new ProofSteps(cluster, web, db, password);
    }

    @AfterAll
    void stopCluster() throws SQLException {
        try {
            if (db != null) {
                db.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    @Order(1)
    void nginxTerminatesTlsAndPassesTheClientsSchemeOn() throws Exception {
        HttpResponse<Void> plain = web.http().send(Web.get(cluster.nginx().http() + "/vms"),
                HttpResponse.BodyHandlers.discarding());
        assertThat(plain.statusCode()).isEqualTo(301);
        assertThat(plain.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).startsWith("https://"));

        HttpResponse<Void> toSignIn = web.http().send(Web.get(cluster.nginx().https() + "/vms"),
                HttpResponse.BodyHandlers.discarding());
        assertThat(toSignIn.statusCode()).isEqualTo(302);
        assertThat(toSignIn.headers().firstValue("Location")).as("redirects keep the proxy's scheme, host and port")
                .hasValueSatisfying(l -> assertThat(l).startsWith(cluster.nginx().https() + "/login"));

        CookieManager cookies = new CookieManager();
        HttpClient session = web.session(cookies);
        HttpResponse<String> signInPage = session.send(Web.get(cluster.nginx().https() + "/login"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signInPage.statusCode()).isEqualTo(200);
        assertThat(signInPage.headers().allValues("Strict-Transport-Security")).containsExactly("max-age=63072000");
        HttpCookie cookie = Stream.of("SESSION", "JSESSIONID").map(n -> Web.cookie(cookies, n))
                .filter(c -> c != null).findFirst().orElseThrow();
        assertThat(cookie.getSecure()).as("the session cookie is Secure behind TLS (forwarded proto)").isTrue();
        assertThat(signInPage.body()).as("the page's own links stay on the proxy's HTTPS address")
                .doesNotContain("http://127.0.0.1:" + cluster.node(1).port(),
                        "http://127.0.0.1:" + cluster.node(2).port());

        for (int i = 0; i < 2; i++) {
            HttpResponse<String> readiness = web.http().send(Web.get(cluster.nginx().https()
                    + "/actuator/health/readiness"), HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).as("readiness through nginx").isEqualTo(200);
            assertThat(readiness.body()).isEqualTo("{\"status\":\"UP\"}");
        }
        HttpResponse<Void> actuator = web.http().send(Web.get(cluster.nginx().https() + "/actuator/env"),
                HttpResponse.BodyHandlers.discarding());
        assertThat(actuator.statusCode()).isEqualTo(404);
        HttpResponse<Void> callbackOutside = web.http().send(HttpRequest.newBuilder(
                java.net.URI.create(cluster.nginx().https() + "/platform/callback")).POST(
                HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(callbackOutside.statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void aSessionMadeThroughOneNodeWorksThroughTheOtherAndEndsEverywhere() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient session = web.session(cookies);
        assertThat(web.signIn(session, cluster.node(1).url(), ProofData.USER, password).statusCode()).isEqualTo(302);
        assertThat(ProofSteps.status(session, cluster.node(1).url() + "/vms")).isEqualTo(200);

        assertThat(ProofSteps.status(session, cluster.node(2).url() + "/vms")).as("node 2 knows node 1's session")
                .isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(ProofSteps.status(session, cluster.nginx().https() + "/vms")).as("through nginx").isEqualTo(200);
        }

        Web.LiveStream onNode1 = Web.openLive(session, cluster.node(1).url() + "/live");

        assertThat(web.signOut(session, cluster.node(2).url()).statusCode()).isEqualTo(302);
        assertThat(ProofSteps.status(session, cluster.node(1).url() + "/vms")).as("signed out on node 2, out on node 1")
                .isEqualTo(302);
        assertThat(ProofSteps.status(session, cluster.nginx().https() + "/vms")).as("and through nginx").isEqualTo(302);
        await().atMost(Duration.ofSeconds(10)).until(() -> onNode1.ended().isDone());
    }

    @Test
    @Order(3)
    void aLiveStreamOnOneNodeSeesWhatTheOtherApplied() throws Exception {
        String vm = ProofData.runningVms(db, seeded, "sse-vm", 1).get(0);
        HttpClient session = web.session(new CookieManager());
        assertThat(web.signIn(session, cluster.node(2).url(), ProofData.APPROVER, password).statusCode())
                .isEqualTo(302);
        LinkedBlockingQueue<Long> events = Web.openLive(session, cluster.node(2).url() + "/live").events();

        long t0 = System.nanoTime();
        String node1Callback = cluster.node(1).url() + "/platform/callback";
        assertThat(web.callback(node1Callback, cluster.callbackSecret(), Web.event("proof-sse-1", vm, 1)))
                .isEqualTo(204);
        Long arrived = events.poll(5, TimeUnit.SECONDS);

        assertThat(arrived).as("node 2's page heard of the change node 1 applied within 5 s").isNotNull();
        double ms = (arrived - t0) / 1e6;
        log.info("Live event on node 2 {} ms after node 1 was sent the callback", String.format("%.0f", ms));
        Figures.write(cluster.dir(), "sse-latency-ms", String.format("%.0f", ms));
        assertThat(ProofData.count(db, "SELECT status FROM vm WHERE vm_id = '" + vm + "'")).isZero();
    }

    @Test
    @Order(4)
    void liveEventsPassThroughNginxUnbuffered() throws Exception {
        String vm = ProofData.runningVms(db, seeded, "sse-proxy-vm", 1).get(0);
        HttpClient session = web.session(new CookieManager());
        assertThat(web.signIn(session, cluster.node(1).url(), ProofData.APPROVER, password).statusCode())
                .isEqualTo(302);
        // The stream goes to whichever node nginx picks: with sessions shared, either knows the session.
        LinkedBlockingQueue<Long> events = Web.openLive(session, cluster.nginx().https() + "/live").events();

        assertThat(web.callback(cluster.nginx().callbackUrl(), cluster.callbackSecret(),
                Web.event("proof-sse-proxy-1", vm, 1))).isEqualTo(204);

        assertThat(events.poll(5, TimeUnit.SECONDS)).as("the event came through nginx as it happened").isNotNull();
    }

    @Test
    @Order(5)
    void callbacksSpreadOverBothNodesAreAppliedOnceEachInOrder() throws Exception {
        int vms = 6;
        int sequences = 20;
        List<String> ids = ProofData.runningVms(db, seeded, "cb-vm", vms);
        List<String[]> posts = new ArrayList<>();
        for (String vm : ids) {
            for (int seq = 1; seq <= sequences; seq++) {
                String[] post = {"proof-cb-" + vm + "-" + seq, vm, Integer.toString(seq)};
                posts.add(post);
                if (seq % 4 == 0) {
                    posts.add(post);
                }
            }
        }
        Collections.shuffle(posts, new java.util.Random(11));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        for (String[] p : posts) {
            answers.add(pool.submit(() -> web.callback(cluster.nginx().callbackUrl(), cluster.callbackSecret(),
                    Web.event(p[0], p[1], Long.parseLong(p[2])))));
        }
        pool.shutdown();
        for (Future<Integer> answer : answers) {
            assertThat(answer.get(60, TimeUnit.SECONDS)).isBetween(200, 299);
        }

        assertThat(ProofData.count(db, "SELECT COUNT(*) FROM callback_event WHERE event_id LIKE 'proof-cb-%'"))
                .isEqualTo((long) vms * sequences);
        for (String vm : ids) {
            assertThat(ProofData.count(db, "SELECT status_seq FROM vm WHERE vm_id = '" + vm + "'"))
                    .as("the newest sequence of %s wins whatever the order of arrival", vm).isEqualTo(sequences);
            assertThat(ProofData.count(db, "SELECT status FROM vm WHERE vm_id = '" + vm + "'")).isEqualTo(1);
        }
        Map<String, Long> byNode = Figures.callbacksByUpstream(cluster.nginx().accessLog());
        log.info("Callbacks through nginx by node: {}", byNode);
        assertThat(byNode).as("the callbacks went to both nodes")
                .containsKeys("127.0.0.1:" + cluster.node(1).port(), "127.0.0.1:" + cluster.node(2).port());
    }

    @Test
    @Order(6)
    void approvalsThroughBothNodesAtOnceCreateEachVmOnce() throws Exception {
        int count = 200;
        List<Long> requests = steps.submit(count, "vnet-office");
        List<Future<Integer>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < requests.size(); i++) {
            long id = requests.get(i);
            PortalNode mine = cluster.node(1 + i % 2);
            PortalNode other = cluster.node(2 - i % 2);
            answers.add(pool.submit(() -> steps.approve(mine, id)));
            if (i < 20) {
                // A second approver on the other node at the same moment: the request is approved once.
                pool.submit(() -> steps.approve(other, id));
            }
        }
        pool.shutdown();
        for (Future<Integer> answer : answers) {
            answer.get(2, TimeUnit.MINUTES);
        }
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();

        String in = requests.stream().map(String::valueOf).collect(Collectors.joining(","));
        await().atMost(WORK_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> ProofData.count(db,
                "SELECT COUNT(*) FROM vm WHERE lifecycle = 'ACTIVE' AND status = 1 AND request_id IN (" + in + ")")
                >= count);

        assertThat(ProofData.count(db, "SELECT COUNT(*) FROM vm WHERE request_id IN (" + in + ")"))
                .isEqualTo(count);
        List<String> vmIds = steps.vmIds(in);
        steps.assertCreatedOnceAtTheSimulator(vmIds);
        // The simulator's own callbacks, through nginx to both nodes: each applied once, the newest last.
        assertThat(ProofData.count(db, "SELECT COUNT(*) FROM vm v WHERE v.request_id IN (" + in + ") AND "
                + "v.status_seq <> (SELECT MAX(e.sequence) FROM callback_event e WHERE e.vm_id = v.vm_id)")).isZero();
    }

    @Test
    @Order(7)
    void aNodeKilledWhileDispatchingLosesNothingAndSendsNothingTwice() throws Exception {
        int count = 24;
        List<Long> requests = steps.submit(count, NETWORK_DMZ);
        String in = requests.stream().map(String::valueOf).collect(Collectors.joining(","));
        // Every createVm takes 3 s to answer, so that node 1 holds operations in SENDING when it dies.
        cluster.simulator().admin("PUT", "/admin/faults",
                "{\"methods\": {\"createVm\": {\"fault\": \"slow\", \"delayMs\": 3000}}}");
        List<Long> claimedByNode1;
        String killedAtDb;
        try {
            // Node 2 frozen for a moment, so that node 1 claims the creations (the nodes race for them).
            cluster.node(2).pause();
            HttpResponse<String> decided;
            try {
                decided = web.apiPost(cluster.node(1).url() + "/api/v1/approvals/decide", ProofData.APPROVER,
                        password, "{\"ids\":[" + in + "],\"action\":\"APPROVE\"}");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                        ProofData.count(db, "SELECT COUNT(*) FROM operation WHERE claimed_by = 'node-1' AND state = "
                        + "'SENDING' AND request_id IN (" + in + ")") >= 4);
            } finally {
                cluster.node(2).resume();
            }
            assertThat(decided.statusCode()).isEqualTo(200);
            String inFlightSql = "SELECT COUNT(*) FROM operation WHERE kind = 'CREATE_VM' AND state = 'SENDING' "
                    + "AND claimed_by = 'node-1' AND request_id IN (" + in + ")";
            // Several creations in flight when the node dies (node 2 may have sent some since it woke).
            long waitFrom = System.nanoTime();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50)).until(() -> {
                long n = ProofData.count(db, inFlightSql);
                return n >= 4 || n >= 1 && System.nanoTime() - waitFrom > Duration.ofSeconds(10).toNanos();
            });
            cluster.node(1).kill();
            long killedAt = System.nanoTime();
            killedAtDb = ProofData.string(db, "SELECT NOW(3)");
            claimedByNode1 = ProofData.ids(db, "SELECT id FROM operation WHERE kind = 'CREATE_VM' AND state = "
                    + "'SENDING' AND claimed_by = 'node-1' AND request_id IN (" + in + ")");
            log.info("Node 1 killed with {} creations claimed by it in SENDING", claimedByNode1.size());
            assertThat(claimedByNode1).as("node 1 died holding claims").isNotEmpty();

            await().atMost(WORK_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> ProofData.count(db,
                    "SELECT COUNT(*) FROM vm WHERE lifecycle = 'ACTIVE' AND status = 1 AND request_id IN (" + in
                    + ")") >= count);
            double seconds = (System.nanoTime() - killedAt) / 1e9;
            log.info("Every VM running {} s after node 1 was killed", String.format("%.1f", seconds));
            Figures.write(cluster.dir(), "kill-to-all-running-s", String.format("%.1f", seconds));
        } finally {
            cluster.simulator().admin("DELETE", "/admin/faults", null);
        }
        assertThat(ProofData.count(db, "SELECT COUNT(*) FROM vm WHERE request_id IN (" + in + ")")).isEqualTo(count);
        steps.assertCreatedOnceAtTheSimulator(steps.vmIds(in));
        assertThat(ProofData.count(db, "SELECT COUNT(*) FROM operation WHERE request_id IN (" + in + ") AND state "
                + "IN ('QUEUED', 'SENDING', 'SENT')")).as("no creation left behind").isZero();
        // Each claim of the dead node was finished after it died, so by node 2: taken over (claimed by it),
        // or, for a createVm node 1 had sent, by the platform's callback that node 2 applied.
        String killed = claimedByNode1.stream().map(String::valueOf).collect(Collectors.joining(","));
        assertThat(ProofData.ids(db, "SELECT id FROM operation WHERE id IN (" + killed + ") AND completed_at >= '"
                + killedAtDb + "'")).as("finished after node 1 died").containsExactlyInAnyOrderElementsOf(
                        claimedByNode1);
        long takenOver = ProofData.count(db, "SELECT COUNT(*) FROM operation WHERE id IN (" + killed
                + ") AND claimed_by = 'node-2'");
        log.info("Of node 1's {} claims, node 2 took over {}; the platform's callbacks finished the others",
                claimedByNode1.size(), takenOver);
        assertThat(ProofData.count(db, "SELECT COUNT(*) FROM operation WHERE id IN (" + killed
                + ") AND claimed_by NOT IN ('node-1', 'node-2')")).isZero();

        cluster.node(1).restart();
        assertThat(cluster.node(1).ready()).isTrue();
        HttpResponse<String> me = web.apiGet(cluster.node(1).url() + "/api/v1/me", ProofData.USER, password);
        assertThat(me.statusCode()).as("the restarted node handles requests").isEqualTo(200);
        assertThat(ProofData.count(db, "SELECT COUNT(*) FROM portal_node WHERE name = 'node-1' AND state = "
                + "'RUNNING'")).as("node 1 joined the cluster again").isEqualTo(1);
    }

    @Test
    @Order(8)
    void aNodeStoppedGracefullyHandsItsWorkAndStreamsToTheOther() throws Exception {
        if (!cluster.node(1).alive()) {
            cluster.node(1).restart();
        }
        int count = 16;
        List<Long> requests = steps.submit(count, NETWORK_DMZ);
        String in = requests.stream().map(String::valueOf).collect(Collectors.joining(","));
        HttpClient session = web.session(new CookieManager());
        assertThat(web.signIn(session, cluster.nginx().https(), ProofData.APPROVER, password).statusCode())
                .isEqualTo(302);
        // A page's stream through nginx that node 1 holds (nginx picks the node: open until node 1 has one).
        Web.LiveStream onNode1 = null;
        for (int i = 0; i < 6 && onNode1 == null; i++) {
            long before = web.gauge(cluster.node(1), "portal_live_streams", ProofData.OPS, password);
            Web.LiveStream stream = Web.openLive(session, cluster.nginx().https() + "/live");
            if (web.gauge(cluster.node(1), "portal_live_streams", ProofData.OPS, password) > before) {
                onNode1 = stream;
            }
        }
        assertThat(onNode1).as("nginx gave node 1 a live stream").isNotNull();
        cluster.simulator().admin("PUT", "/admin/faults",
                "{\"methods\": {\"createVm\": {\"fault\": \"slow\", \"delayMs\": 3000}}}");
        List<Long> heldByNode1;
        String handedBack;
        try {
            String heldSql = "SELECT id FROM operation WHERE kind = 'CREATE_VM' AND state = 'SENDING' "
                    + "AND claimed_by = 'node-1' AND request_id IN (" + in + ")";
            // Node 2 frozen while node 1 claims more than its 8 senders send at once: some claimed, not sent.
            cluster.node(2).pause();
            try {
                assertThat(web.apiPost(cluster.node(1).url() + "/api/v1/approvals/decide", ProofData.APPROVER,
                        password, "{\"ids\":[" + in + "],\"action\":\"APPROVE\"}").statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                        .until(() -> ProofData.ids(db, heldSql).size() > 8);
            } finally {
                cluster.node(2).resume();
            }
            heldByNode1 = ProofData.ids(db, heldSql);
            ReadinessWatch watch = new ReadinessWatch(cluster.node(1));
            long stopAt = System.nanoTime();
            cluster.node(1).terminate();

            assertThat(cluster.node(1).awaitExit(Duration.ofSeconds(60))).as("node 1 stopped within its grace")
                    .isTrue();
            double stopSeconds = (System.nanoTime() - stopAt) / 1e9;
            watch.stop();
            log.info("Node 1 stopped {} s after SIGTERM holding {} claims; readiness seen: {}",
                    String.format("%.1f", stopSeconds), heldByNode1.size(), watch.seen());
            Figures.write(cluster.dir(), "sigterm-to-exit-s", String.format("%.1f", stopSeconds));
            assertThat(watch.seen()).as("node 1's readiness went 503 before it stopped").contains(503);
            Web.LiveStream ending = onNode1;
            await().atMost(Duration.ofSeconds(5)).until(() -> ending.ended().isDone());
            handedBack = Processes.tail(cluster.node(1).log(), 400).lines()
                    .filter(l -> l.contains("The dispatcher of node 'node-1' stopped")).reduce((x, y) -> y).orElse("");

            // Through nginx, node 2 answers: a page, and a new live stream that hears of a change.
            assertThat(ProofSteps.status(session, cluster.nginx().https() + "/vms")).isEqualTo(200);
            Web.LiveStream onNode2 = Web.openLive(session, cluster.nginx().https() + "/live");
            String vm = ProofData.runningVms(db, seeded, "drain-vm", 1).get(0);
            assertThat(web.callback(cluster.nginx().callbackUrl(), cluster.callbackSecret(),
                    Web.event("proof-drain-1", vm, 1))).isEqualTo(204);
            assertThat(onNode2.events().poll(5, TimeUnit.SECONDS)).as("the new stream, on node 2, hears").isNotNull();

            await().atMost(WORK_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> ProofData.count(db,
                    "SELECT COUNT(*) FROM vm WHERE lifecycle = 'ACTIVE' AND status = 1 AND request_id IN (" + in
                    + ")") >= count);
        } finally {
            cluster.simulator().admin("DELETE", "/admin/faults", null);
        }
        log.info("Node 1 at its stop: {}", handedBack);
        assertThat(handedBack).as("node 1 handed back what it had claimed and not sent")
                .containsPattern("handed back [1-9]\\d* operations");
        assertThat(ProofData.count(db, "SELECT COUNT(*) FROM portal_node WHERE name = 'node-1' AND state = "
                + "'STOPPED'")).as("node 1 left the cluster as stopped").isEqualTo(1);
        steps.assertCreatedOnceAtTheSimulator(steps.vmIds(in));
        String held = heldByNode1.stream().map(String::valueOf).collect(Collectors.joining(","));
        assertThat(ProofData.count(db, "SELECT COUNT(*) FROM operation WHERE id IN (" + held + ") AND claimed_by = "
                + "'node-2'")).as("node 2 sent what node 1 handed back").isPositive();
        assertThat(ProofData.count(db, "SELECT COUNT(*) FROM operation WHERE request_id IN (" + in + ") AND state "
                + "IN ('QUEUED', 'SENDING', 'SENT')")).as("no creation left behind").isZero();

        cluster.node(1).restart();
        assertThat(ProofData.count(db, "SELECT COUNT(*) FROM portal_node WHERE name = 'node-1' AND state = "
                + "'RUNNING'")).as("node 1 joined the cluster again").isEqualTo(1);
    }

    @Test
    @Order(9)
    void aConsoleTokenIssuedByOneNodeOpensTheTunnelOnTheOther() throws Exception {
        String vm = ProofData.string(db, "SELECT v.vm_id FROM vm v JOIN app_user u ON u.id = v.owner_id WHERE "
                + "u.username = '" + ProofData.USER + "' AND v.lifecycle = 'ACTIVE' AND v.status = 1 ORDER BY v.vm_id "
                + "LIMIT 1");
        CookieManager cookies = new CookieManager();
        HttpClient session = web.session(cookies);
        assertThat(web.signIn(session, cluster.node(1).url(), ProofData.USER, password).statusCode()).isEqualTo(302);
        String cookie = "JSESSIONID=" + Web.cookie(cookies, "JSESSIONID").getValue();
        String wss = cluster.nginx().https().replaceFirst("^https", "wss") + "/console/tunnel";
        // The tunnel goes through nginx to whichever node it picks: a new token from node 1 until node 2 took it.
        Tunnel onNode2 = null;
        String token = null;
        for (int i = 0; i < 6 && onNode2 == null; i++) {
            HttpResponse<String> answer = web.pagePost(session, cluster.node(1).url(), "/vms/" + vm + "/console/token");
            assertThat(answer.statusCode()).as("token from node 1: %s", answer.body()).isEqualTo(200);
            token = JSON.readTree(answer.body()).get("token").asText();
            Tunnel tunnel = Tunnel.open(web.http(), wss, cookie);
            assertThat(tunnel.await(in -> in.get(0).isEmpty(), Duration.ofSeconds(10))).hasSize(2);
            tunnel.auth(token);
            tunnel.await("img");
            String node = ProofData.string(db, "SELECT node FROM console_session WHERE vm_id = '" + vm
                    + "' AND closed_at IS NULL ORDER BY id DESC LIMIT 1");
            if ("node-2".equals(node)) {
                onNode2 = tunnel;
            } else {
                tunnel.close();
            }
        }
        assertThat(onNode2).as("node 2 opened the console with a token of node 1, through nginx").isNotNull();
        onNode2.send("", "ping", "12345");
        onNode2.await(in -> in.equals(List.of("", "ping", "12345")), Duration.ofSeconds(10));

        // The same token again, at node 2 itself: used.
        Tunnel again = Tunnel.open(web.http(), cluster.node(2).url().replaceFirst("^http", "ws") + "/console/tunnel",
                cookie);
        again.await(in -> in.get(0).isEmpty(), Duration.ofSeconds(10));
        again.auth(token);
        assertThat(again.await("error")).containsExactly("error", "TOKEN_USED", "769");
        again.awaitClosed(Duration.ofSeconds(10));
        onNode2.close();
        await().atMost(Duration.ofSeconds(15)).until(() -> ProofData.count(db, "SELECT COUNT(*) FROM console_session "
                + "WHERE vm_id = '" + vm + "' AND closed_at IS NULL") == 0);
    }
}
