package io.vsip4x.portal.admin.pools;

import io.vsip4x.portal.admin.PlatformReads;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.requests.RequestValidator;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.TemplateInfo;
import io.vsip4x.sdk.model.VmNumAvailable;
import io.vsip4x.sdk.model.VmNumQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
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
    /** A whole number in ASCII digits, with an optional sign. */
    private static final Pattern ASCII_WHOLE = Pattern.compile("[-+]?[0-9]{1,18}");
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
     * Checks {@code input} against the request form's limits and the platform's templates, waiting for
     * the platform's templates at most one budget.
     *
     * @throws FieldProblems                 listing every problem, field by field
     * @throws PlatformUnavailableException when the templates named cannot be read in time
     */
    Shape check(Input input) {
        Shape shape = checkFields(input);
        PlatformReads.Deadline deadline = pools.deadline();
        checkTemplates(shape, templatesRead(shape, deadline), deadline);
        return shape;
    }

    /** The templates to pick from in the form, or none when the platform does not give them within a budget. */
    List<TemplateInfo> templates() {
        PlatformReads.Deadline deadline = pools.deadline();
        try {
            return pools.join(pools.async(() -> catalog.all().templates(), deadline), deadline);
        } catch (PlatformUnavailableException e) {
            return List.of();
        }
    }

    /** {@code input}'s fields against the request form's limits, without asking the platform. */
    private static Shape checkFields(Input input) {
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
        return new Shape(cpu.intValue(), memory, disk, templates);
    }

    /** The platform's template ids, read on the page reads' executor; none to read when {@code shape} names none. */
    private CompletableFuture<Set<String>> templatesRead(Shape shape, PlatformReads.Deadline deadline) {
        if (shape.templates().isEmpty()) {
            return CompletableFuture.completedFuture(Set.of());
        }
        return pools.async(() -> catalog.all().templates().stream().map(TemplateInfo::templateId)
                .collect(Collectors.toSet()), deadline);
    }

    /** Refuses a template of {@code shape} the platform does not have. */
    private void checkTemplates(Shape shape, CompletableFuture<Set<String>> read, PlatformReads.Deadline deadline) {
        if (shape.templates().isEmpty()) {
            return;
        }
        Set<String> known = pools.join(read, deadline);
        FieldProblems.Collector problems = new FieldProblems.Collector();
        shape.templates().stream().filter(id -> !known.contains(id)).findFirst()
                .ifPresent(id -> problems.reject("templates", "pools.capacity.error.templateUnknown", id));
        problems.throwIfAny();
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

    /**
     * Checks {@code input} and asks every pool, in the platform's order: the platform's templates and its
     * pools are read side by side, then the pools are asked side by side, all within one budget
     * ({@link PlatformReads#budget()}), however many pools.
     *
     * @throws FieldProblems                 listing every problem of {@code input}, field by field
     * @throws PlatformUnavailableException when the platform does not answer within the budget
     */
    List<Answer> askAll(Input input) {
        Shape shape = checkFields(input);
        PlatformReads.Deadline deadline = pools.deadline();
        CompletableFuture<Set<String>> templates = templatesRead(shape, deadline);
        CompletableFuture<List<PoolInfo>> listed = pools.async(pools::pools, deadline);
        checkTemplates(shape, templates, deadline);
        List<PoolInfo> all = pools.join(listed, deadline);
        List<VmNumAvailable> answers = pools.eachPool(all,
                pool -> c -> c.getCreateVmNumAvailable(shape.query(pool.repositoryId())), deadline);
        List<Answer> result = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            result.add(answer(all.get(i), answers.get(i)));
        }
        return result;
    }

    /**
     * A whole number written in ASCII digits (a sign allowed), or {@code null} with a problem recorded when
     * {@code value} is missing or is not one: {@code 1e1}, {@code 2.0}, fullwidth or other scripts' digits
     * are not whole numbers here, though Java's number parsers take some of them.
     */
    private static Long whole(String field, Object value, FieldProblems.Collector problems) {
        String text = value == null ? "" : value.toString().strip();
        if (text.isEmpty()) {
            problems.reject(field, "request.error.required");
            return null;
        }
        if (!ASCII_WHOLE.matcher(text).matches()) {
            problems.reject(field, "pools.capacity.error.whole");
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
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
