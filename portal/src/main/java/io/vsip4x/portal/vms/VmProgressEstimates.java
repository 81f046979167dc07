package io.vsip4x.portal.vms;

import io.vsip4x.portal.platform.Operation;
import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.portal.platform.OperationService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How long long operations usually take: the median time from asking to finishing of the last
 * {@value #SAMPLE} successful operations of each kind, read at most every {@link #FRESH} per kind.
 */
@Service
public class VmProgressEstimates {

    /** How many finished operations of a kind the estimate looks at. */
    static final int SAMPLE = 20;
    private static final Duration FRESH = Duration.ofSeconds(30);

    private record Known(Duration typical, long readAtNanos) {
    }

    private final JdbcClient jdbc;
    private final OperationService operations;
    private final Clock clock;
    private final Map<OperationKind, Known> known = new ConcurrentHashMap<>();

    VmProgressEstimates(JdbcClient jdbc, OperationService operations, Clock clock) {
        this.jdbc = jdbc;
        this.operations = operations;
        this.clock = clock;
    }

    /**
     * The progress of the VM's newest operation, or {@code null} when it is no long one under way.
     * A VM waiting to be created has its request's creation (which may not name the VM).
     */
    public VmProgress progress(Vm vm, Optional<Operation> latest) {
        Optional<Operation> open = latest.filter(op -> op.state().open());
        if (open.isEmpty() && vm.lifecycle() == VmLifecycle.PENDING && vm.requestId() != null) {
            open = operations.forRequest(vm.requestId()).stream()
                    .filter(op -> op.kind().createsVms() && op.state().open())
                    .reduce((older, newer) -> newer);
        }
        return open.filter(op -> VmProgress.LONG.contains(op.kind().method()))
                .map(op -> VmProgress.of(op, vm.status(), typical(op.kind()), clock.instant()))
                .orElse(null);
    }

    /** The median duration of the last finished operations of {@code kind}, or {@code null} when none finished. */
    public Duration typical(OperationKind kind) {
        long now = System.nanoTime();
        Known k = known.get(kind);
        if (k == null || now - k.readAtNanos() > FRESH.toNanos()) {
            k = new Known(read(kind), now);
            known.put(kind, k);
        }
        return k.typical();
    }

    /** Reads the estimates again on their next use. */
    void forget() {
        known.clear();
    }

    private Duration read(OperationKind kind) {
        List<Long> micros = jdbc.sql("""
                        SELECT TIMESTAMPDIFF(MICROSECOND, created_at, completed_at) FROM operation
                        WHERE kind = ? AND state = 'DONE' AND completed_at IS NOT NULL
                        ORDER BY id DESC LIMIT ?""")
                .params(kind.name(), SAMPLE)
                .query(Long.class)
                .list();
        return median(micros);
    }

    /** The median of durations in microseconds, or {@code null} for none. */
    static Duration median(List<Long> micros) {
        if (micros.isEmpty()) {
            return null;
        }
        List<Long> sorted = micros.stream().sorted().toList();
        int n = sorted.size();
        long middle = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return Duration.ofNanos(Math.max(0, middle) * 1000);
    }
}
