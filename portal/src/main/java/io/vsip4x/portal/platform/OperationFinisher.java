package io.vsip4x.portal.platform;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Finishes open operations and tells the features through {@link OperationOutcome}. */
@Component
class OperationFinisher {

    private final OperationRepository operations;
    private final ApplicationEventPublisher events;

    OperationFinisher(OperationRepository operations, ApplicationEventPublisher events) {
        this.operations = operations;
        this.events = events;
    }

    /** Finishes {@code id} unless it has finished already; runs in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void finish(long id, boolean success, String code, String info) {
        OperationState state = success ? OperationState.DONE : OperationState.FAILED;
        if (operations.finish(id, state, code, info)) {
            Operation done = operations.find(id).orElseThrow();
            events.publishEvent(new OperationOutcome(done, success, code, info));
        }
    }
}
