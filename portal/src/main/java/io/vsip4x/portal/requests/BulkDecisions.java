package io.vsip4x.portal.requests;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Deciding several requests at once: each in a transaction of its own, so one that fails (over
 * quota, decided meanwhile, changed since it was seen) leaves the others decided; the answer says
 * which succeeded and why the others did not.
 */
@Component
class BulkDecisions {

    private static final Logger log = LoggerFactory.getLogger(BulkDecisions.class);
    static final int MAX_AT_ONCE = 100;

    private final RequestService requests;
    private final MessageSource messages;
    private final AuditService audit;

    BulkDecisions(RequestService requests, MessageSource messages, AuditService audit) {
        this.audit = audit;
        this.requests = requests;
        this.messages = messages;
    }

    /** Approve them all, or reject them all with one reason. */
    enum Action {
        APPROVE, REJECT
    }

    /**
     * A request chosen, with the version the approver saw ({@code null}: whatever it is now).
     */
    record Choice(long id, Integer version) {

        /** Reads {@code 12} or {@code 12:3} (id and version) as the pages send it. */
        static Choice parse(String text) {
            String[] parts = text.strip().split(":", 2);
            try {
                return new Choice(Long.parseLong(parts[0]), parts.length > 1 ? Integer.valueOf(parts[1]) : null);
            } catch (NumberFormatException e) {
                throw FieldProblems.of("selected", "error.field.invalid");
            }
        }
    }

    /**
     * What became of one request.
     *
     * @param state   its state afterwards when decided, else {@code null}
     * @param error   why it was not decided, in the viewer's language, else {@code null}
     * @param status  the HTTP status its own decision would have answered
     * @param level   the approval level it waits at afterwards when still pending, else {@code null}
     */
    record Outcome(long id, boolean decided, String state, String error, int status, Integer level) {
    }

    /**
     * Decides every chosen request independently.
     *
     * @throws FieldProblems when nothing or too much is chosen, or a rejection has no reason; then
     *                       nothing is decided
     */
    List<Outcome> decide(CurrentUser user, List<Choice> choices, Action action, String reason, Locale locale) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        if (choices.isEmpty()) {
            problems.reject("selected", "approvals.bulk.noneSelected");
        } else if (choices.size() > MAX_AT_ONCE) {
            problems.reject("selected", "approvals.bulk.tooMany", MAX_AT_ONCE);
        }
        if (action == null) {
            problems.reject("action", "request.error.required");
        } else if (action == Action.REJECT) {
            RequestValidator.checkReason(reason, problems);
        }
        problems.throwIfAny();

        List<Outcome> outcomes = new ArrayList<>();
        for (Choice choice : choices.stream().distinct().toList()) {
            try {
                RequestService.Details done = action == Action.APPROVE
                        ? requests.approve(user, choice.id(), choice.version(), reason)
                        : requests.reject(user, choice.id(), choice.version(), reason);
                VmRequest after = done.request();
                outcomes.add(new Outcome(choice.id(), true, after.state().name(), null, 200,
                        after.state() == RequestState.PENDING ? after.currentLevel() : null));
            } catch (PortalException e) {
                log.debug("Request {} was not decided in a bulk {}: {}", choice.id(), action, e.messageKey());
                refused(action, choice.id(), e);
                String text = messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale);
                outcomes.add(new Outcome(choice.id(), false, null, text, e.status().value(), null));
            }
        }
        return outcomes;
    }

    /** A request of the batch the decider could not decide is logged as refused, as a single decision is. */
    private void refused(Action action, long id, PortalException e) {
        if (e.isAudited()) {
            return;
        }
        Object[] args = e.args();
        audit.event("REQUEST_" + action.name())
                .target("REQUEST", "request:" + id)
                .params(args.length == 0 ? e.messageKey() : e.messageKey() + " " + Arrays.toString(args))
                .result(AuditService.DENIED, e.code(), e.messageKey())
                .recordAlone();
    }
}
