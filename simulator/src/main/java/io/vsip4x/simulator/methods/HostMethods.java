package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.lifecycle.HostLifecycle;
import io.vsip4x.simulator.lifecycle.HostPower;

/** {@code startHost} and {@code shutdownHost}, both asynchronous, completing by host events. */
public final class HostMethods {

    private final HostLifecycle lifecycle;

    public HostMethods(HostLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** Serves this group's methods through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        for (HostPower action : HostPower.values()) {
            registry.register(action.operation(), call -> power(action, call), ArgType.STRING);
        }
    }

    private Object power(HostPower action, Call call) {
        return Answers.result(lifecycle.power(action, call.string(0).trim(), call.callbackUrl()));
    }
}
