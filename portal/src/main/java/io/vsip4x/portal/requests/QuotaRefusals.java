package io.vsip4x.portal.requests;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.web.FieldProblems;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Logs a request refused for being over the quota (the department's or the person's own cap) as
 * one {@code DENIED} event, in a transaction of its own so that it stays while the request is not
 * saved. Plain bad input (a blank field, a number out of range) is not a refusal and is not logged.
 */
@Component
class QuotaRefusals {

    /** The result code of a refusal over quota. */
    static final String CODE = "QUOTA";

    /** The messages of {@link RequestValidator}'s quota check: the department's, then a person's own cap. */
    private static final Set<String> QUOTA_KEYS = Set.of("request.error.quotaVms", "request.error.quotaCpu",
            "request.error.quotaMemory", "request.error.quotaDisk", "request.error.capVms", "request.error.capCpu",
            "request.error.capMemory", "request.error.capDisk");

    private final AuditService audit;

    QuotaRefusals(AuditService audit) {
        this.audit = audit;
    }

    /**
     * Logs {@code problems} as a refusal of {@code action} on {@code target} ({@code null} for a
     * request not saved yet) when any of them is the quota's, and marks them logged.
     *
     * @return {@code problems}, for the caller to throw
     */
    FieldProblems logged(String action, String target, RequestForm form, FieldProblems problems) {
        List<String> reasons = problems.problems().stream()
                .filter(p -> overQuota(p.messageKey()))
                .map(p -> p.field() + ": " + p.messageKey())
                .toList();
        if (!reasons.isEmpty()) {
            audit.event(action)
                    .target("REQUEST", target)
                    .params(form.install()
                            ? AuditParams.of("kind", RequestKind.INSTALL.name(), "image", form.imageId(), "pool",
                                    form.repoName(), "cpu", form.cpu(), "memoryMb", form.memoryMb(), "diskGb",
                                    form.diskGb())
                            : AuditParams.of("template", form.templateId(), "pool", form.repoName(), "cpu",
                                    form.cpu(), "memoryMb", form.memoryMb(), "diskGb", form.diskGb(), "count",
                                    form.count()))
                    .result(AuditService.DENIED, CODE, String.join(", ", reasons))
                    .recordAlone();
            problems.audited();
        }
        return problems;
    }

    /** Whether a problem's message key says the request is over the department's quota or a personal cap. */
    static boolean overQuota(String messageKey) {
        return QUOTA_KEYS.contains(messageKey);
    }
}
