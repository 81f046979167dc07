package io.vsip4x.portal.admin.pools;

import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.requests.RequestValidator;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.TemplateInfo;
import io.vsip4x.sdk.model.VmNumAvailable;
import io.vsip4x.sdk.model.VmNumQuery;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The capacity planner: how many VMs of a shape a pool can still create
 * ({@code getCreateVmNumAvailable}). The shape follows the request form's limits
 * ({@link RequestValidator}); bad input is refused before the platform is asked. Questions are
 * reads, so they are not audited.
 */
@Component
class CapacityPlanner {

    private static final Logger log = LoggerFactory.getLogger(CapacityPlanner.class);
    private static final long MIB = 1024L * 1024L;
    private static final long GIB = 1024L * MIB;
    /** The most templates one question names. */
    static final int MAX_TEMPLATES = 10;

    private final PoolDirectory pools;
    private final CatalogService catalog;

    CapacityPlanner(PoolDirectory pools, CatalogService catalog) {
        this.pools = pools;
        this.catalog = catalog;
    }

    /**
     * The question as it came: each number a JSON number or text, templates a list, one id or none.
     */
    record Input(Object cpu, Object memoryMb, Object diskGb, Object templates) {
    }

    /** A checked shape: vCPUs, memory in MiB, system disk in GiB and the templates' ids. */
    record Shape(int cpu, long memoryMb, long diskGb, List<String> templates) {

        VmNumQuery query(String repoId) {
            return new VmNumQuery(repoId, cpu, memoryMb * MIB, diskGb * GIB, templates);
        }
    }

    /**
     * The platform's answer for one pool.
     *
     * @param ok     whether the platform answered the question
     * @param count  how many VMs of the shape fit; 0 when not {@code ok}
     * @param code   the platform's result code when it refused, else {@code null}
     * @param reason the message key explaining the refusal, else {@code null}
     */
    record Answer(String repoId, String poolName, boolean ok, long count, String code, String reason) {
    }

    /**
     * Checks {@code input} against the request form's limits and the platform's templates.
     *
     * @throws FieldProblems listing every problem, field by field
     */
    Shape check(Input input) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        Long cpu = whole("cpu", input.cpu(), problems);
        if (cpu != null && (cpu < 1 || cpu > RequestValidator.MAX_CPU)) {
            problems.reject("cpu", "request.error.cpuRange", RequestValidator.MAX_CPU);
        }
        Long memory = whole("memoryMb", input.memoryMb(), problems);
        if (memory != null && (memory < RequestValidator.MEMORY_STEP_MB || memory > RequestValidator.MAX_MEMORY_MB
                || memory % RequestValidator.MEMORY_STEP_MB != 0)) {
            problems.reject("memoryMb", "request.error.memoryRule", RequestValidator.MEMORY_STEP_MB,
                    RequestValidator.MAX_MEMORY_MB);
        }
        Long disk = whole("diskGb", input.diskGb(), problems);
        if (disk != null && (disk < 1 || disk > RequestValidator.MAX_DISK_GB)) {
            problems.reject("diskGb", "request.error.diskRule", RequestValidator.MAX_DISK_GB);
        }
        List<String> templates = templates(input.templates(), problems);
        problems.throwIfAny();

        if (!templates.isEmpty()) {
            Set<String> known = catalog.all().templates().stream().map(TemplateInfo::templateId)
                    .collect(Collectors.toSet());
            templates.stream().filter(id -> !known.contains(id)).findFirst()
                    .ifPresent(id -> problems.reject("templates", "pools.capacity.error.templateUnknown", id));
            problems.throwIfAny();
        }
        return new Shape(cpu.intValue(), memory, disk, templates);
    }

    /** How many VMs of {@code shape} pool {@code pool} can still create. */
    Answer ask(PoolInfo pool, Shape shape) {
        return answer(pool, pools.read(c -> c.getCreateVmNumAvailable(shape.query(pool.repositoryId()))));
    }

    private static Answer answer(PoolInfo pool, VmNumAvailable answer) {
        if (answer.ok()) {
            return new Answer(pool.repositoryId(), pool.name(), true, answer.count(), null, null);
        }
        String code = answer.result().code();
        log.info("The platform did not say how many VMs fit in pool '{}': code {}", pool.repositoryId(), code);
        String reason = "1".equals(code) ? "pools.capacity.refused.1" : "pools.capacity.refused";
        return new Answer(pool.repositoryId(), pool.name(), false, 0, code, reason);
    }

    /** The answer of every pool, in the platform's order, the pools asked side by side. */
    List<Answer> askAll(Shape shape) {
        List<PoolInfo> listed = pools.pools();
        List<VmNumAvailable> answers = pools.eachPool(listed,
                pool -> c -> c.getCreateVmNumAvailable(shape.query(pool.repositoryId())));
        List<Answer> all = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            all.add(answer(listed.get(i), answers.get(i)));
        }
        return all;
    }

    /** A whole number, or {@code null} with a problem recorded when {@code value} is missing or is not one. */
    private static Long whole(String field, Object value, FieldProblems.Collector problems) {
        String text = value == null ? "" : value.toString().strip();
        if (text.isEmpty()) {
            problems.reject(field, "request.error.required");
            return null;
        }
        try {
            return new BigDecimal(text).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            problems.reject(field, "pools.capacity.error.whole");
            return null;
        }
    }

    private static List<String> templates(Object value, FieldProblems.Collector problems) {
        Collection<?> given = value == null ? List.of()
                : value instanceof Collection<?> list ? list : List.of(value);
        Set<String> ids = new LinkedHashSet<>();
        for (Object item : given) {
            if (item != null && !(item instanceof String)) {
                problems.reject("templates", "pools.capacity.error.templates");
                return List.of();
            }
            if (item != null && !((String) item).isBlank()) {
                ids.add(((String) item).strip());
            }
        }
        if (ids.size() > MAX_TEMPLATES) {
            problems.reject("templates", "pools.capacity.error.tooManyTemplates", MAX_TEMPLATES);
        }
        return List.copyOf(ids);
    }
}
