package io.vsip4x.bench;

import com.sun.net.httpserver.HttpServer;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xSettings;
import io.vsip4x.sdk.http.HttpVsip4xClient;
import io.vsip4x.sdk.model.CreateVmSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * The portal's simulator driven directly over the binding: clearing a wave's VMs between waves
 * (shut down and deleted without callbacks, so the portal hears nothing of it), and the
 * simulator alone taking VMs from {@code createVm} to running, to compare the portal with.
 */
final class PlatformDirect {

    static final String TEMPLATE = "tpl-centos7";
    static final String POOL = "pool-prod";
    static final String NETWORK = "vnet-office";
    static final int CPU = 1;
    static final long MEMORY_MB = 1024;
    static final long DISK_GB = 40;
    /** VMs per request and per {@code createVm}, the portal's most for one request. */
    static final int CHUNK = 20;
    private static final Duration WAIT = Duration.ofMinutes(2);

    private final URI url;
    private final HttpVsip4xClient quiet;

    PlatformDirect(URI simulatorUrl) {
        this.url = simulatorUrl;
        this.quiet = client(null);
    }

    private HttpVsip4xClient client(URI callbackUrl) {
        return new HttpVsip4xClient(new Vsip4xSettings("127.0.0.1", url, "portal", "portal-secret", null,
                callbackUrl, Duration.ofSeconds(3), Duration.ofSeconds(30)));
    }

    static CreateVmSpec spec(List<String> vmIds) {
        return new CreateVmSpec(TEMPLATE, POOL, CPU, MEMORY_MB << 20, DISK_GB << 30, NETWORK, vmIds);
    }

    /** Shuts the VMs down and deletes them, then waits until the pool has room for as many again. */
    void clear(List<String> vmIds) {
        for (String id : vmIds) {
            quiet.shutdownVm(id);
        }
        boolean deleted = Poll.until(() -> quiet.deleteVmBatch(vmIds, false).ok(), WAIT, Duration.ofMillis(20));
        if (!deleted) {
            throw new IllegalStateException("The simulator did not delete the wave's VMs within " + WAIT);
        }
        List<String> probe = new ArrayList<>();
        for (int i = 0; i < vmIds.size(); i++) {
            probe.add("probe-" + i);
        }
        if (!Poll.until(() -> quiet.getCreateRemainder(spec(probe), POOL).satisfied(), WAIT, Duration.ofMillis(20))) {
            throw new IllegalStateException("The pool had no room for " + vmIds.size() + " VMs after clearing");
        }
    }

    /**
     * The simulator alone: {@code waves} waves of {@code wave} VMs created ({@code createVm} of up
     * to 20) and, as each one's creation is reported, started, by {@code senders} sending threads,
     * with a minimal callback receiver; the seconds from the first call to the last VM running,
     * summed over the waves.
     */
    double baseline(int waves, int wave, int senders) throws IOException {
        AtomicInteger running = new AtomicInteger();
        ExecutorService send = Executors.newFixedThreadPool(senders);
        HttpServer sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        HttpVsip4xClient client = client(URI.create("http://127.0.0.1:" + sink.getAddress().getPort() + "/cb"));
        sink.createContext("/cb", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                JsonNode event = PortalClient.JSON.readTree(in.readAllBytes());
                String op = event.path("operation").asString("");
                String status = event.path("status").asString("");
                String vm = event.path("vmId").asString("");
                if (op.equals("createVm") && status.equals("0")) {
                    send.submit(() -> client.startVm(vm));
                } else if (op.equals("startVm") && status.equals("1")) {
                    running.incrementAndGet();
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        ExecutorService sinkThreads = Executors.newFixedThreadPool(4);
        sink.setExecutor(sinkThreads);
        sink.start();
        double seconds = 0;
        try {
            for (int w = 0; w < waves; w++) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < wave; i++) {
                    ids.add(String.format("sim-%d-%d-%03d", senders, w, i));
                }
                running.set(0);
                long t0 = System.nanoTime();
                for (int i = 0; i < ids.size(); i += CHUNK) {
                    List<String> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
                    send.submit(() -> check(client.createVm(spec(chunk)), "createVm"));
                }
                if (!Poll.until(() -> running.get() >= wave, WAIT, Duration.ofMillis(5))) {
                    throw new IllegalStateException("The simulator alone got " + running.get() + " of " + wave
                            + " VMs running within " + WAIT);
                }
                seconds += (System.nanoTime() - t0) / 1e9;
                clear(ids);
            }
        } finally {
            sink.stop(0);
            sinkThreads.shutdownNow();
            send.shutdownNow();
        }
        return seconds;
    }

    private static void check(SdkResult result, String method) {
        if (!result.ok()) {
            Benchmark.LOG.warn("  the simulator refused {}: {} {}", method, result.code(), result.info());
        }
    }
}
