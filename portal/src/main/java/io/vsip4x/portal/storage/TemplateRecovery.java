package io.vsip4x.portal.storage;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.tenancy.ResourceKind;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.tenancy.TenantService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.sdk.Vsip4xClient;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.TemplateInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the template of a build whose answer was lost (timed out or cut): the platform names the
 * template only in its answer, so the portal notes the templates of the VM's pool before asking
 * and, after a lost answer, looks for the one new template of the VM's shape in that pool; once
 * found it is granted to the VM's tenant and recorded with the VM's classification, like an
 * answered build. A build not found at once is looked for again at every reconciliation for
 * {@link #PATIENCE}. NOTE: the builds looked for live in memory only; after a restart a lost
 * build's template stays ungranted until an admin grants it. For the same reason the search runs
 * on every node (no scheduler lock): each node looks for the builds it lost itself.
 */
@Component
class TemplateRecovery {

    /** How long a lost build is looked for. */
    static final Duration PATIENCE = Duration.ofMinutes(30);

    private static final Logger log = LoggerFactory.getLogger(TemplateRecovery.class);

    private final PlatformClient platform;
    private final TenantService tenants;
    private final TemplateStore store;
    private final CatalogService catalog;
    private final AuditService audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Map<String, Lost> lost = new ConcurrentHashMap<>();

    TemplateRecovery(PlatformClient platform, TenantService tenants, TemplateStore store, CatalogService catalog,
            AuditService audit, TransactionTemplate tx, Clock clock) {
        this.platform = platform;
        this.tenants = tenants;
        this.store = store;
        this.catalog = catalog;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * A build whose answer is lost.
     *
     * @param name   the name the maker gave the template, or {@code null}
     * @param before the templates of the VM's pool before the build was asked
     * @param params what the operation log records of the request
     */
    record Lost(Vm vm, String name, String encryption, boolean checksum, long userId, String userName,
            Set<String> before, String params, Instant until) {
    }

    /** The ids of the templates in {@code vm}'s pool, as {@code c} reads them now. */
    static Set<String> templatesOf(Vsip4xClient c, Vm vm) {
        return c.searchTemplateList(Map.of("repoName", vm.repoId())).stream().map(TemplateInfo::templateId)
                .collect(Collectors.toSet());
    }

    /**
     * After the answer to a build was lost: the template if the platform has it now (then granted
     * and recorded), else empty and looked for again later.
     */
    Optional<TemplateStore.Built> lost(Lost build) {
        String key = UUID.randomUUID().toString();
        lost.put(key, build);
        try {
            return lookFor(key, build);
        } catch (Vsip4xException e) {
            log.info("The lost template build of VM '{}' is looked for later: the platform did not answer",
                    build.vm().vmId());
            return Optional.empty();
        }
    }

    /** Looks again for each lost build, forgetting those looked for long enough. */
    @Scheduled(fixedDelayString = "${portal.platform.reconcile-interval:15s}",
            initialDelayString = "${portal.platform.reconcile-interval:15s}")
    void lookAgain() {
        for (Map.Entry<String, Lost> entry : lost.entrySet()) {
            if (entry.getValue().until().isBefore(clock.instant())) {
                lost.remove(entry.getKey());
                log.warn("The template built from VM '{}' was not found; its answer was lost",
                        entry.getValue().vm().vmId());
                continue;
            }
            try {
                lookFor(entry.getKey(), entry.getValue());
            } catch (Vsip4xException e) {
                log.info("The lost template build of VM '{}' was not looked for: the platform did not answer",
                        entry.getValue().vm().vmId());
                return;
            }
        }
    }

    private Optional<TemplateStore.Built> lookFor(String key, Lost build) {
        Vm vm = build.vm();
        Set<String> recorded = store.all().keySet();
        List<TemplateInfo> found = inPool(vm).stream()
                .filter(t -> !build.before().contains(t.templateId()) && !recorded.contains(t.templateId()))
                .filter(t -> t.cpu() == vm.cpu() && t.memoryBytes() / (1024 * 1024) == vm.memoryMb())
                .toList();
        if (found.size() > 1) {
            log.warn("Several new templates may be the one built from VM '{}': {}; none is taken", vm.vmId(),
                    found.stream().map(TemplateInfo::templateId).toList());
            lost.remove(key);
            return Optional.empty();
        }
        if (found.isEmpty() || lost.remove(key) == null) {
            return Optional.empty();
        }
        String templateId = found.get(0).templateId();
        String tenant = tenants.find(vm.tenantId()).map(Tenant::code).orElse(null);
        tx.executeWithoutResult(s -> {
            tenants.grant(vm.tenantId(), ResourceKind.TEMPLATE, templateId);
            store.insert(templateId, vm.tenantId(), vm.vmId(), vm.name(), vm.classification(), build.encryption(),
                    build.checksum(), build.userId(), build.name());
            audit.event(TemplateService.BUILD)
                    .as("platform", tenant, null)
                    .target("VM", vm.vmId())
                    .params(build.params() + ", template=" + templateId + ", classification=" + vm.classification()
                            + ", found after a lost answer")
                    .record();
        });
        catalog.forget();
        log.info("Found template '{}' built from VM '{}' after its answer was lost", templateId, vm.vmId());
        return Optional.of(new TemplateStore.Built(templateId, vm.tenantId(), vm.vmId(), vm.name(),
                vm.classification(), build.encryption(), build.checksum(), build.userName(), clock.instant(),
                build.name(), build.userId(), null));
    }

    private List<TemplateInfo> inPool(Vm vm) {
        return platform.call(c -> c.searchTemplateList(Map.of("repoName", vm.repoId())));
    }
}
