package io.vsip4x.portal.admin.pools;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.admin.pools.CapacityPlanner.Answer;
import io.vsip4x.portal.admin.pools.CapacityPlanner.Input;
import io.vsip4x.portal.admin.pools.PoolViews.PoolDetail;
import io.vsip4x.portal.admin.pools.PoolViews.PoolRow;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The pools and the capacity planner in JSON, for platform admins. */
@RestController
@RequestMapping("/api/v1/admin/pools")
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
@Tag(name = "Platform admin")
class PoolApiController {

    private final PoolDirectory pools;
    private final CapacityPlanner planner;
    private final MessageSource messages;

    PoolApiController(PoolDirectory pools, CapacityPlanner planner, MessageSource messages) {
        this.pools = pools;
        this.planner = planner;
        this.messages = messages;
    }

    /**
     * The planner's answer for one pool.
     *
     * @param count       how many VMs of the shape fit; 0 when the platform did not answer
     * @param code        the platform's result code when it refused
     * @param explanation what the refusal means, in the reader's language
     */
    record CapacityJson(String repoId, String poolName, boolean ok, long count, String code, String explanation) {
    }

    @GetMapping
    @Operation(summary = "Every resource pool with its capacity, statistics and tenants (platform admins)")
    List<PoolRow> list() {
        return pools.list();
    }

    @GetMapping("/{repoId}")
    @Operation(summary = "A resource pool with its hosts, VMs, statistics and tenants (platform admins)")
    PoolDetail detail(@PathVariable String repoId) {
        return pools.detail(repoId);
    }

    @PostMapping("/{repoId}/capacity")
    @Operation(summary = "How many VMs of a shape a resource pool can still create (platform admins)")
    CapacityJson capacity(@PathVariable String repoId, @RequestBody Map<String, Object> body, Locale locale) {
        CapacityPlanner.Shape shape = planner.check(input(body));
        return json(planner.ask(pools.pool(repoId), shape), locale);
    }

    @PostMapping("/capacity")
    @Operation(summary = "How many VMs of a shape each resource pool can still create (platform admins)")
    List<CapacityJson> capacityAll(@RequestBody Map<String, Object> body, Locale locale) {
        return planner.askAll(input(body)).stream().map(a -> json(a, locale)).toList();
    }

    private static Input input(Map<String, Object> body) {
        return new Input(body.get("cpu"), body.get("memoryMb"), body.get("diskGb"), body.get("templates"));
    }

    private CapacityJson json(Answer answer, Locale locale) {
        String explanation = answer.reason() == null ? null
                : messages.getMessage(answer.reason(), new Object[] {answer.code()}, answer.reason(), locale);
        return new CapacityJson(answer.repoId(), answer.poolName(), answer.ok(), answer.count(), answer.code(),
                explanation);
    }
}
