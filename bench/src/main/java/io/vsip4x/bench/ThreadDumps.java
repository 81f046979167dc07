package io.vsip4x.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A cheap profile of the portal under load: a few thread dumps ({@code jcmd PID Thread.print}) a
 * second apart, and what its request threads were doing in them.
 */
final class ThreadDumps {

    private static final int DUMPS = 3;

    private ThreadDumps() {
    }

    /**
     * Takes the dumps, keeps them in {@code file}, and sums up the request threads: idle, waiting
     * for a pooled database connection, in a database call, blocked on a lock, or elsewhere; and
     * the portal's own frames seen most often on busy threads.
     */
    static String summary(long pid, Path file) {
        StringBuilder all = new StringBuilder();
        Map<String, Integer> states = new LinkedHashMap<>();
        Map<String, Integer> frames = new TreeMap<>();
        for (int i = 0; i < DUMPS; i++) {
            if (i > 0) {
                Poll.pauseUntil(System.nanoTime() + Duration.ofSeconds(1).toNanos());
            }
            String dump = dump(pid);
            all.append(dump).append("\n\n");
            for (String block : dump.split("\n\n")) {
                if (!block.startsWith("\"http-nio-") || !block.contains("-exec-")) {
                    continue;
                }
                String state = classify(block);
                states.merge(state, 1, Integer::sum);
                if (!state.equals("idle")) {
                    block.lines().map(String::trim).filter(l -> l.startsWith("at io.vsip4x.portal.")).findFirst()
                            .ifPresent(l -> frames.merge(l.substring(3).replaceAll("\\(.*", ""), 1, Integer::sum));
                }
            }
        }
        try {
            Files.writeString(file, all, StandardCharsets.UTF_8);
        } catch (IOException e) {
            Benchmark.LOG.warn("Cannot keep the thread dumps in {}: {}", file, e.getMessage());
        }
        String top = frames.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(4).map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
        return "request threads over " + DUMPS + " dumps: " + states.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
                + (top.isEmpty() ? "" : "; portal frames on busy threads: " + top);
    }

    static String classify(String block) {
        if (block.contains("TaskQueue.take") || block.contains("TaskQueue.poll")) {
            return "idle";
        }
        if (block.contains("HikariPool.getConnection") || block.contains("ConcurrentBag.borrow")) {
            return "waiting for a pooled DB connection";
        }
        if (block.contains("java.lang.Thread.State: BLOCKED")) {
            return "blocked on a lock";
        }
        if (block.contains("org.mariadb.jdbc")) {
            return "in a DB call";
        }
        return "elsewhere (CPU, I/O)";
    }

    private static String dump(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                    .redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor(30, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }
}
