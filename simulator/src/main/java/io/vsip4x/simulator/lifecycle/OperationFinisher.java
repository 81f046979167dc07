package io.vsip4x.simulator.lifecycle;

import io.vsip4x.simulator.state.Vm;

/**
 * Finishes the pending VM operations of one group of SDK methods when they fall due. Registered
 * with {@link VmLifecycle#register}; called under the state's monitor.
 */
public interface OperationFinisher {

    /**
     * Finishes {@code vm}'s pending operation, emitting its completion event, when it is one of
     * this finisher's.
     *
     * @param fail whether the operation is made to fail (fault injection)
     * @return whether it was one of this finisher's
     */
    boolean finish(Vm vm, boolean fail);
}
