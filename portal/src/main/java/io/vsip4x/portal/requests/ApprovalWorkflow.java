package io.vsip4x.portal.requests;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.tenancy.QuotaExceeded;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.portal.web.PortalException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The decisions of the approval chain: a level approved by one or all of its approvers (or their
 * deputies) moves the request to the next level, the last one fulfils it; any rejection rejects;
 * an approver may send it back for changes. Every decision locks the request's row and checks
 * the version the approver saw, so two approvers at once or a double click decide once.
 */
@Service
public class ApprovalWorkflow {

    private static final Logger log = LoggerFactory.getLogger(ApprovalWorkflow.class);
    static final String AUTO_COMMENT = "auto";
    static final String TIMEOUT_COMMENT = "timeout";

    private final RequestRepository requests;
    private final WorkflowRepository workflow;
    private final ApprovalChains chains;
    private final Approvers approvers;
    private final Fulfilment fulfilment;
    private final RequestNotices notices;
    private final AuditService audit;
    private final LiveUpdates live;
    private final Clock clock;
    private final TransactionTemplate separately;

    ApprovalWorkflow(RequestRepository requests, WorkflowRepository workflow, ApprovalChains chains,
            Approvers approvers, Fulfilment fulfilment, RequestNotices notices, AuditService audit,
            LiveUpdates live, Clock clock, PlatformTransactionManager transactions) {
        this.requests = requests;
        this.workflow = workflow;
        this.chains = chains;
        this.approvers = approvers;
        this.fulfilment = fulfilment;
        this.notices = notices;
        this.audit = audit;
        this.live = live;
        this.clock = clock;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * A request was submitted (or submitted again) in the caller's transaction: it waits at level 1
     * from now. Once that transaction has committed, a rule of automatic approval that covers it
     * approves it; otherwise (no rule, or beyond the quota) the level's approvers are told.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void submitted(long id) {
        workflow.restartWait(id, clock.instant());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                afterSubmission(id);
            }
        });
    }

    private void afterSubmission(long id) {
        boolean approved = false;
        try {
            approved = Boolean.TRUE.equals(separately.execute(status -> approveByRule(id)));
        } catch (QuotaExceeded e) {
            log.info("Request {} is small enough for automatic approval but beyond the quota; it waits", id);
        }
        if (!approved) {
            separately.executeWithoutResult(status -> {
                VmRequest r = requests.find(id).orElseThrow();
                chains.currentLevel(r).ifPresent(level -> notices.toApprovers(r, level,
                        "notification.request.waiting"));
            });
        }
    }

    /** A request locked for a decision, the level it waits at and the decider's right. */
    private record Locked(VmRequest request, ApprovalLevel level, Approvers.Authority authority) {
    }

    /**
     * Approves {@code id} at its current level for {@code user}.
     *
     * @param version the version the approver saw, or {@code null} to decide whatever it is now
     * @param comment an optional comment
     * @throws PortalException 404 when not the user's to see, 403 when not theirs to decide, 409 when
     *                         no longer pending, changed since {@code version}, already approved by them
     *                         at this level, or (on the last level) beyond the quota
     */
    @Transactional
    public void approve(CurrentUser user, long id, Integer version, String comment) {
        String note = optionalComment(comment);
        Locked locked = lockForDecision(user, id, version);
        approveAtLevel(locked.request(), locked.level(), locked.authority(), note);
    }

    /**
     * Rejects {@code id} with a reason; in a level that needs every approver, one rejection is enough.
     *
     * @throws FieldProblems when the reason is missing or too long
     * @throws PortalException as {@link #approve}
     */
    @Transactional
    public void reject(CurrentUser user, long id, Integer version, String reason) {
        requireReason(reason);
        Locked locked = lockForDecision(user, id, version);
        finishRejected(locked.request(), locked.level(), locked.authority(), reason.strip());
    }

    /**
     * Sends {@code id}, a request for new VMs or an installation, back to its requester, who edits
     * and submits it again.
     *
     * @throws FieldProblems when the comment saying what to change is missing or too long
     * @throws PortalException as {@link #approve}
     */
    @Transactional
    public void askForChanges(CurrentUser user, long id, Integer version, String comment) {
        requireReason(comment);
        Locked locked = lockForDecision(user, id, version);
        VmRequest r = locked.request();
        if (r.kind() != RequestKind.CREATE && r.kind() != RequestKind.INSTALL) {
            throw PortalException.conflict("error.request.changesOnlyForCreate", id);
        }
        Approvers.Authority a = locked.authority();
        workflow.addDecision(r.id(), "CHANGES_REQUESTED", a.actorId(), comment.strip(), locked.level().levelNo(),
                a.onBehalfOf());
        requests.changeState(r.id(), RequestState.CHANGES_REQUESTED, null, null);
        audit.event("REQUEST_ASK_CHANGES")
                .target("REQUEST", "request:" + r.id())
                .params(levelText(locked))
                .record();
        notices.toRequester(r, "notification.request.changesRequested", comment.strip());
        live.publish(r.tenantId(), LiveUpdates.REQUESTS);
    }

    /**
     * The level a pending {@code request} waits at when nobody but its requester could decide it
     * (no enabled account holds the level's role), else empty.
     */
    Optional<Integer> undecidableLevel(VmRequest request) {
        if (request.state() != RequestState.PENDING) {
            return Optional.empty();
        }
        return chains.currentLevel(request)
                .filter(level -> approvers.of(request, level).isEmpty())
                .map(ApprovalLevel::levelNo);
    }

    /**
     * Whether {@code user} may decide {@code request} now (at its current level, maybe as a deputy):
     * not when they, or the principal they stand in for, approved an earlier level of it.
     */
    Optional<Approvers.Authority> authority(CurrentUser user, VmRequest request) {
        return anyAuthority(user, request).filter(a -> !approvedEarlierLevel(request, a));
    }

    /** Whoever decided an earlier level of a request (or was stood in for there) decides no later one. */
    private boolean approvedEarlierLevel(VmRequest request, Approvers.Authority a) {
        if (request.currentLevel() <= 1) {
            return false;
        }
        List<Long> earlier = workflow.approvedBelowLevel(request.id(), request.currentLevel());
        return earlier.contains(a.actorId()) || earlier.contains(a.principal());
    }

    private Optional<Approvers.Authority> anyAuthority(CurrentUser user, VmRequest request) {
        if (request.state() != RequestState.PENDING || !user.cleared(request.classification())) {
            return Optional.empty();
        }
        return chains.currentLevel(request)
                .flatMap(level -> approvers.authority(user, request, level, clock.instant()));
    }

    /**
     * Approves a freshly submitted request by the rule that covers it, if any: the whole chain at
     * once, by nobody. Runs in the caller's transaction, which should be of its own: a request
     * beyond the quota throws {@link QuotaExceeded} and then stays pending for people.
     *
     * @return whether a rule approved it
     */
    @Transactional
    public boolean approveByRule(long id) {
        VmRequest r = requests.lock(id).orElseThrow();
        if (r.state() != RequestState.PENDING || r.currentLevel() != 1) {
            return false;
        }
        Optional<AutoApprovalRule> rule = chains.autoRuleFor(r);
        if (rule.isEmpty()) {
            return false;
        }
        List<ApprovalLevel> levels = chains.levelsFor(r);
        completeChain(r, levels.get(levels.size() - 1), null, AUTO_COMMENT);
        audit.event("REQUEST_AUTO_APPROVE")
                .as("system", r.tenantCode(), null)
                .target("REQUEST", "request:" + id)
                .params("rule=" + rule.get().id())
                .record();
        return true;
    }

    /**
     * Approves, by nobody, a request just submitted in the caller's transaction that the tenant's
     * policy lets through without people (a data disk where the tenant asks no approval for them):
     * the whole chain at once, fulfilled in that transaction.
     *
     * @throws QuotaExceeded when the work does not fit the quota; the caller's transaction then
     *                       rolls back with the submission
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void approveAtOnce(long id) {
        workflow.restartWait(id, clock.instant());
        VmRequest r = requests.lock(id).orElseThrow();
        List<ApprovalLevel> levels = chains.levelsFor(r);
        completeChain(r, levels.get(levels.size() - 1), null, AUTO_COMMENT);
        audit.event("REQUEST_AUTO_APPROVE")
                .as("system", r.tenantCode(), null)
                .target("REQUEST", "request:" + id)
                .params("policy=no approval")
                .record();
    }

    /**
     * Lets a level whose time-out has passed at {@code now} decide by itself. A time-out approval
     * beyond the quota leaves the request waiting (for people, or the next time-out).
     *
     * @return whether it decided
     */
    @Transactional
    public boolean decideIfOverdue(long id, Instant now) {
        VmRequest r = requests.lock(id).orElse(null);
        if (r == null || r.state() != RequestState.PENDING) {
            return false;
        }
        ApprovalLevel level = chains.currentLevel(r).orElse(null);
        if (level == null || level.timeoutMinutes() == null
                || r.levelSince().plusSeconds(60L * level.timeoutMinutes()).isAfter(now)) {
            return false;
        }
        if (level.timeoutAction() == ApprovalLevel.TimeoutAction.REJECT) {
            finishRejected(r, level, null, TIMEOUT_COMMENT);
        } else {
            approveAtLevel(r, level, null, TIMEOUT_COMMENT);
        }
        audit.event("REQUEST_TIMEOUT")
                .as("system", r.tenantCode(), null)
                .target("REQUEST", "request:" + id)
                .params("level=" + level.levelNo() + ", action=" + level.timeoutAction())
                .record();
        return true;
    }

    /** Restarts the wait of a request at its level, from now (after a time-out that could not approve). */
    @Transactional
    public void restartWait(long id) {
        workflow.restartWait(id, clock.instant());
    }

    private void approveAtLevel(VmRequest r, ApprovalLevel level, Approvers.Authority a, String comment) {
        boolean levelDone = true;
        if (a != null && level.mode() == ApprovalLevel.Mode.ALL) {
            Set<Long> approved = new HashSet<>(workflow.approvedAtLevel(r.id(), level.levelNo()));
            if (!approved.add(a.principal())) {
                throw PortalException.conflict("error.request.alreadyApproved", r.id());
            }
            levelDone = approved.containsAll(approvers.of(r, level));
        }
        List<ApprovalLevel> levels = chains.levelsFor(r);
        boolean last = level.levelNo() >= levels.size();
        if (levelDone && last) {
            completeChain(r, level, a, comment);
            return;
        }

        Long actor = a == null ? null : a.actorId();
        Long behalf = a == null ? null : a.onBehalfOf();
        workflow.addDecision(r.id(), "APPROVED", actor, comment, level.levelNo(), behalf);
        if (levelDone) {
            int next = level.levelNo() + 1;
            workflow.moveToLevel(r.id(), next, clock.instant());
            VmRequest moved = requests.find(r.id()).orElseThrow();
            notices.toApprovers(moved, levels.get(next - 1), "notification.request.waiting");
            notices.toRequester(r, "notification.request.levelApproved", String.valueOf(level.levelNo()));
        }
        audit.event("REQUEST_LEVEL_APPROVE")
                .target("REQUEST", "request:" + r.id())
                .params("level=" + level.levelNo() + (behalf == null ? "" : ", onBehalfOf=" + behalf)
                        + (levelDone ? "" : ", waiting for the other approvers"))
                .record();
        live.publish(r.tenantId(), LiveUpdates.REQUESTS);
    }

    /** The last level approved: fulfils the request and records who decided, at which level. */
    private void completeChain(VmRequest r, ApprovalLevel level, Approvers.Authority a, String comment) {
        Long actor = a == null ? null : a.actorId();
        Long behalf = a == null ? null : a.onBehalfOf();
        long before = workflow.lastDecisionId(r.id());
        fulfilment.fulfil(r, actor);
        if (workflow.annotate(r.id(), before, level.levelNo(), behalf, comment) == 0) {
            workflow.addDecision(r.id(), "APPROVED", actor, comment, level.levelNo(), behalf);
        }
        requests.changeState(r.id(), RequestState.APPROVED, null, null);
        notices.toRequester(r, "notification.request.approved", comment == null ? "" : comment);
        live.publish(r.tenantId(), LiveUpdates.REQUESTS);
    }

    private void finishRejected(VmRequest r, ApprovalLevel level, Approvers.Authority a, String reason) {
        Long actor = a == null ? null : a.actorId();
        Long behalf = a == null ? null : a.onBehalfOf();
        workflow.addDecision(r.id(), "REJECTED", actor, reason, level.levelNo(), behalf);
        requests.changeState(r.id(), RequestState.REJECTED, null, null);
        audit.event("REQUEST_REJECT")
                .target("REQUEST", "request:" + r.id())
                .params("level=" + level.levelNo() + (behalf == null ? "" : ", onBehalfOf=" + behalf))
                .record();
        notices.toRequester(r, "notification.request.rejected", reason);
        live.publish(r.tenantId(), LiveUpdates.REQUESTS);
    }

    private Locked lockForDecision(CurrentUser user, long id, Integer version) {
        VmRequest request = requests.lock(id)
                .filter(r -> user.cleared(r.classification()))
                .filter(r -> RequestService.visible(user, r) || anyAuthority(user, r).isPresent())
                .orElseThrow(() -> PortalException.notFound("error.request.notFound", id));
        if (request.requesterId() == user.id()) {
            throw PortalException.forbidden("error.request.ownRequest");
        }
        if (request.state() != RequestState.PENDING) {
            throw PortalException.conflict("error.request.notPending", id);
        }
        if (version != null && version != request.version()) {
            throw PortalException.conflict("error.request.stale", id, version, request.version());
        }
        ApprovalLevel level = chains.currentLevel(request)
                .orElseThrow(() -> PortalException.forbidden("error.request.notApprover"));
        Approvers.Authority authority = approvers.authority(user, request, level, clock.instant())
                .orElseThrow(() -> PortalException.forbidden("error.request.notApprover"));
        if (approvedEarlierLevel(request, authority)) {
            throw PortalException.forbidden("error.request.approvedEarlierLevel", id);
        }
        return new Locked(request, level, authority);
    }

    private static String levelText(Locked locked) {
        Long behalf = locked.authority().onBehalfOf();
        return "level=" + locked.level().levelNo() + (behalf == null ? "" : ", onBehalfOf=" + behalf);
    }

    private static void requireReason(String reason) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        RequestValidator.checkReason(reason, problems);
        problems.throwIfAny();
    }

    /** An approval's comment is optional; when given it follows the rules of a reason. */
    private static String optionalComment(String comment) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        FieldProblems.Collector problems = new FieldProblems.Collector();
        RequestValidator.checkText("comment", comment, RequestValidator.MAX_REASON, "request.error.commentTooLong",
                problems);
        problems.throwIfAny();
        return comment.strip();
    }
}
