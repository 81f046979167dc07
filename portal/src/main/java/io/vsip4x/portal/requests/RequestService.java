package io.vsip4x.portal.requests;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.Clearance;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.tenancy.TenantService;
import io.vsip4x.portal.vms.VmService;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.portal.web.PortalException;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Submitting, reading, approving and rejecting requests. */
@Service
public class RequestService {

    private final RequestRepository requests;
    private final TenantService tenants;
    private final CatalogService catalog;
    private final VmService vms;
    private final QuotaService quotas;
    private final AuditService audit;
    private final LiveUpdates live;
    private final ApprovalWorkflow workflow;
    private final QuotaRefusals refusals;
    private final InstallImages images;

    RequestService(RequestRepository requests, TenantService tenants, CatalogService catalog, VmService vms,
            QuotaService quotas, AuditService audit, LiveUpdates live, ApprovalWorkflow workflow,
            QuotaRefusals refusals, InstallImages images) {
        this.requests = requests;
        this.tenants = tenants;
        this.catalog = catalog;
        this.vms = vms;
        this.quotas = quotas;
        this.audit = audit;
        this.live = live;
        this.workflow = workflow;
        this.refusals = refusals;
        this.images = images;
    }

    /** A request with what was decided on it and the VMs it produced. */
    public record Details(VmRequest request, List<Decision> decisions, List<String> vmIds) {

        /** The platform codes of its decisions, in order. */
        public List<String> codes() {
            return decisions.stream().map(Decision::code).filter(c -> c != null).toList();
        }
    }

    /**
     * Submits a request for {@code user}'s tenant. Checks the spec's limits, the tenant's
     * catalog and what is left of its quota (as advice: the quota is enforced on approval). A
     * request over the quota is refused and the refusal logged. A form of kind INSTALL asks for
     * one VM installed from an ISO image ({@link InstallValidator}); it is classified as its pool.
     *
     * @throws FieldProblems when anything is wrong; nothing is saved then
     */
    @Transactional
    public long submit(CurrentUser user, RequestForm asked) {
        if (user.tenantId() == null || !user.has(Role.USER)) {
            throw PortalException.forbidden("error.request.noTenant");
        }
        RequestForm form = asked.withInstallDefaults();
        var offer = catalog.forViewer(user);
        Tenant tenant = tenants.find(user.tenantId()).orElseThrow();
        Quota left = quotas.left(tenant.id(), user.id());
        try {
            if (!form.knownKind()) {
                throw FieldProblems.of("kind", "install.error.kind");
            }
            if (form.install()) {
                InstallValidator.validate(form, offer, images.within(offer), left, tenant.leaseMaxDays(),
                        tenant.vmCap(), quotas.report(tenant.id()).free());
            } else {
                RequestValidator.validate(form, offer, left, tenant.leaseMaxDays(), tenant.vmCap(),
                        quotas.report(tenant.id()).free());
            }
        } catch (FieldProblems problems) {
            throw refusals.logged("REQUEST_SUBMIT", null, form, problems);
        }

        String poolName = offer.pool(form.repoName()).orElseThrow().name();
        long id = requests.insert(tenant.id(), user.id(), form, poolName);
        if (form.install()) {
            requests.classify(id, offer.pool(form.repoName()).orElseThrow().classification());
            audit.event("REQUEST_SUBMIT")
                    .target("REQUEST", "request:" + id)
                    .params(AuditParams.of("kind", RequestKind.INSTALL.name(), "image", form.imageId().strip(),
                            "pool", form.repoName(), "osType", form.osType(), "osBits", form.osBits(),
                            "cpu", form.cpu(), "memoryMb", form.memoryMb(), "diskGb", form.diskGb(),
                            "leaseDays", form.leaseDays()))
                    .record();
        } else {
            requests.classify(id, offer.levelOf(form.templateId(), form.repoName()));
            audit.event("REQUEST_SUBMIT")
                    .target("REQUEST", "request:" + id)
                    .params(AuditParams.of("template", form.templateId(), "pool", form.repoName(), "cpu", form.cpu(),
                            "memoryMb", form.memoryMb(), "diskGb", form.diskGb(), "count", form.count(),
                            "leaseDays", form.leaseDays()))
                    .record();
        }
        workflow.submitted(id);
        live.publish(tenant.id(), LiveUpdates.REQUESTS);
        return id;
    }

    /**
     * A request {@code user} may see: their own, or their tenant's for approvers and tenant
     * admins.
     *
     * @throws PortalException 404 otherwise
     */
    @Transactional(readOnly = true)
    public Details get(CurrentUser user, long id) {
        VmRequest request = requests.find(id)
                .filter(r -> visible(user, r) || workflow.authority(user, r).isPresent())
                .orElseThrow(() -> PortalException.notFound("error.request.notFound", id));
        return details(request);
    }

    /** The requests {@code user} made, newest first. */
    @Transactional(readOnly = true)
    public List<VmRequest> mine(CurrentUser user) {
        return requests.list(null, user.id(), null, 200).stream()
                .filter(r -> Clearance.visible(user, r.classification())).toList();
    }

    /** The tenant's latest decided requests, for the approver's history. */
    @Transactional(readOnly = true)
    public List<VmRequest> recentlyDecided(CurrentUser approver) {
        if (!Deputies.decides(approver) || approver.tenantId() == null && !approver.has(Role.PLATFORM_ADMIN)) {
            return List.of();
        }
        return requests.list(approver.tenantId(), null, null, 50).stream()
                .filter(r -> r.state() != RequestState.PENDING)
                .filter(r -> Clearance.visible(approver, r.classification()))
                .limit(20)
                .toList();
    }

    /**
     * Approves a request at its current level; the last level's approval records 2100, reserves
     * its quota under the tenant's lock, and queues the {@code createVm} operation, all in one
     * transaction. The dispatcher then asks the platform for room ({@code getCreateRemainder}) and
     * records 2101 when there is too little.
     *
     * @param version the version the approver saw, or {@code null}
     * @param comment an optional comment
     * @throws PortalException 404 when not the approver's to see, 403 for one's own request or
     *                         another level's, 409 when no longer pending, changed since
     *                         {@code version} or beyond the tenant's quota
     */
    @Transactional
    public Details approve(CurrentUser approver, long id, Integer version, String comment) {
        workflow.approve(approver, id, version, comment);
        return details(requests.find(id).orElseThrow());
    }

    /** Approves whatever version the request has now: {@link #approve(CurrentUser, long, Integer, String)}. */
    @Transactional
    public Details approve(CurrentUser approver, long id) {
        return approve(approver, id, null, null);
    }

    /**
     * Rejects a request with a reason.
     *
     * @throws FieldProblems when the reason is missing or too long
     * @throws PortalException as {@link #approve}
     */
    @Transactional
    public Details reject(CurrentUser approver, long id, Integer version, String reason) {
        workflow.reject(approver, id, version, reason);
        return details(requests.find(id).orElseThrow());
    }

    /** Rejects whatever version the request has now: {@link #reject(CurrentUser, long, Integer, String)}. */
    @Transactional
    public Details reject(CurrentUser approver, long id, String reason) {
        return reject(approver, id, null, reason);
    }

    Details details(VmRequest request) {
        return new Details(request, requests.decisions(request.id()),
                vms.forRequest(request.id()).stream().map(vm -> vm.vmId()).toList());
    }

    /** Whether {@code user} sees {@code request}: their own, their tenant's as its approver, or as platform admin. */
    static boolean visible(CurrentUser user, VmRequest request) {
        if (!Clearance.visible(user, request.classification())) {
            return false;
        }
        if (user.has(Role.PLATFORM_ADMIN)) {
            return true;
        }
        if (user.tenantId() == null || user.tenantId() != request.tenantId()) {
            return false;
        }
        return user.seesWholeTenant() || user.id() == request.requesterId();
    }
}
