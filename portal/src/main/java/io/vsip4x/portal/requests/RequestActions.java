package io.vsip4x.portal.requests;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.tenancy.TenantService;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.portal.web.PortalException;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What people do with a request besides deciding it: the requester withdraws it or, when asked
 * for changes, edits and submits it again; requester and approvers comment on it.
 */
@Service
public class RequestActions {

    static final int MAX_COMMENT = 1000;

    private final RequestRepository requests;
    private final WorkflowRepository workflow;
    private final ApprovalWorkflow approvals;
    private final ApprovalChains chains;
    private final Approvers approvers;
    private final CatalogService catalog;
    private final QuotaService quotas;
    private final TenantService tenants;
    private final RequestNotices notices;
    private final AuditService audit;
    private final LiveUpdates live;
    private final QuotaRefusals refusals;
    private final InstallImages images;

    RequestActions(RequestRepository requests, WorkflowRepository workflow, ApprovalWorkflow approvals,
            ApprovalChains chains, Approvers approvers, CatalogService catalog, QuotaService quotas,
            TenantService tenants, RequestNotices notices, AuditService audit, LiveUpdates live,
            QuotaRefusals refusals, InstallImages images) {
        this.requests = requests;
        this.workflow = workflow;
        this.approvals = approvals;
        this.chains = chains;
        this.approvers = approvers;
        this.catalog = catalog;
        this.quotas = quotas;
        this.tenants = tenants;
        this.notices = notices;
        this.audit = audit;
        this.live = live;
        this.refusals = refusals;
        this.images = images;
    }

    /**
     * Withdraws the requester's own pending (or sent back) request.
     *
     * @param version the version the requester saw, or {@code null}
     * @throws PortalException 404 when not theirs, 409 when already decided or changed since {@code version}
     */
    @Transactional
    public void withdraw(CurrentUser user, long id, Integer version) {
        VmRequest r = lockOwn(user, id, version, "error.request.notWithdrawable");
        workflow.addDecision(id, "WITHDRAWN", user.id(), null, null, null);
        requests.changeState(id, RequestState.WITHDRAWN, null, null);
        audit.event("REQUEST_WITHDRAW")
                .target("REQUEST", "request:" + id)
                .record();
        if (r.state() == RequestState.PENDING) {
            chains.currentLevel(r).ifPresent(level -> notices.toApprovers(r, level, "notification.request.withdrawn"));
        }
        live.publish(r.tenantId(), LiveUpdates.REQUESTS);
    }

    /**
     * Submits a request sent back for changes again, with the requester's edits: it starts over at
     * level 1, checked as a new request of its kind is (new VMs from a template, or an installation
     * from an ISO image with {@link InstallValidator}); it keeps its kind.
     *
     * @throws FieldProblems when the edited request is wrong; nothing changes then
     * @throws PortalException 404 when not theirs, 409 when not sent back or changed since {@code version}
     */
    @Transactional
    public void resubmit(CurrentUser user, long id, Integer version, RequestForm edited) {
        VmRequest r = lockOwn(user, id, version, "error.request.notPending");
        if (r.state() != RequestState.CHANGES_REQUESTED
                || (r.kind() != RequestKind.CREATE && r.kind() != RequestKind.INSTALL)) {
            throw PortalException.conflict("error.request.notSentBack", id);
        }
        var offer = catalog.forViewer(user);
        Tenant tenant = tenants.find(r.tenantId()).orElseThrow();
        Quota left = quotas.left(r.tenantId(), r.requesterId());
        RequestForm form = edited.asKind(r.kind()).orElse(edited);
        try {
            if (!form.kind().equals(r.kind().name())) {
                throw FieldProblems.of("kind", "install.error.kindKept");
            }
            if (form.install()) {
                InstallValidator.validate(form, offer, images.within(offer), left, tenant.leaseMaxDays(),
                        tenant.vmCap(), quotas.report(r.tenantId()).free());
            } else {
                RequestValidator.validate(form, offer, left, tenant.leaseMaxDays(), tenant.vmCap(),
                        quotas.report(r.tenantId()).free());
            }
        } catch (FieldProblems problems) {
            throw refusals.logged("REQUEST_RESUBMIT", "request:" + id, form, problems);
        }

        String poolName = offer.pool(form.repoName()).orElseThrow().name();
        workflow.resubmit(id, form, poolName);
        workflow.addDecision(id, "RESUBMITTED", user.id(), null, null, null);
        if (form.install()) {
            requests.classify(id, offer.pool(form.repoName()).orElseThrow().classification());
            audit.event("REQUEST_RESUBMIT")
                    .target("REQUEST", "request:" + id)
                    .params(AuditParams.of("kind", RequestKind.INSTALL.name(), "image", form.imageId().strip(),
                            "pool", form.repoName(), "osType", form.osType(), "osBits", form.osBits(),
                            "cpu", form.cpu(), "memoryMb", form.memoryMb(), "diskGb", form.diskGb()))
                    .record();
        } else {
            requests.classify(id, offer.levelOf(form.templateId(), form.repoName()));
            audit.event("REQUEST_RESUBMIT")
                    .target("REQUEST", "request:" + id)
                    .params(AuditParams.of("template", form.templateId(), "pool", form.repoName(), "cpu", form.cpu(),
                            "memoryMb", form.memoryMb(), "diskGb", form.diskGb(), "count", form.count()))
                    .record();
        }
        approvals.submitted(id);
        live.publish(r.tenantId(), LiveUpdates.REQUESTS);
    }

    /**
     * Adds a comment by the requester or by someone who sees or decides the request; tells the
     * requester, or (for the requester's own comment on a pending request) the current approvers.
     *
     * @return every comment on the request, the new one last
     * @throws FieldProblems when the text is empty, too long or has control characters
     * @throws PortalException 404 when the request is not the user's to see
     */
    @Transactional
    public List<RequestComment> comment(CurrentUser user, long id, String body) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        RequestValidator.checkText("body", body, MAX_COMMENT, "request.error.commentTooLong", problems);
        problems.throwIfAny();
        VmRequest r = requests.find(id)
                .filter(x -> RequestService.visible(user, x) || approvals.authority(user, x).isPresent())
                .orElseThrow(() -> PortalException.notFound("error.request.notFound", id));

        workflow.addComment(id, user.id(), body.strip());
        audit.event("REQUEST_COMMENT")
                .target("REQUEST", "request:" + id)
                .record();
        if (user.id() != r.requesterId()) {
            notices.comment(r.requesterId(), r, user.displayName());
        } else if (r.state() == RequestState.PENDING) {
            chains.currentLevel(r).ifPresent(level -> approvers.of(r, level)
                    .forEach(approver -> notices.comment(approver, r, user.displayName())));
        }
        live.publish(r.tenantId(), LiveUpdates.REQUESTS);
        return workflow.comments(id);
    }

    /** The comments on a request the caller has already been allowed to see. */
    @Transactional(readOnly = true)
    public List<RequestComment> comments(long requestId) {
        return workflow.comments(requestId);
    }

    private VmRequest lockOwn(CurrentUser user, long id, Integer version, String closedKey) {
        VmRequest r = requests.lock(id).filter(x -> x.requesterId() == user.id())
                .orElseThrow(() -> PortalException.notFound("error.request.notFound", id));
        if (r.state() != RequestState.PENDING && r.state() != RequestState.CHANGES_REQUESTED) {
            throw PortalException.conflict(closedKey, id);
        }
        if (version != null && version != r.version()) {
            throw PortalException.conflict("error.request.stale", id, version, r.version());
        }
        return r;
    }
}
