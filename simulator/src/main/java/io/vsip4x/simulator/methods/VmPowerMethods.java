package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.lifecycle.PowerAction;
import io.vsip4x.simulator.lifecycle.VmLifecycle;

/** The power operations of {@link PowerAction}: start, shut down, reboot, pause and resume, all asynchronous. */
public final class VmPowerMethods {

    private final VmLifecycle lifecycle;

    public VmPowerMethods(VmLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** Serves this group's methods through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        for (PowerAction action : PowerAction.values()) {
            registry.register(action.operation(), call -> power(action, call), ArgType.STRING);
        }
    }

    private Object power(PowerAction action, Call call) {
        return Answers.result(lifecycle.power(action, call.string(0).trim(), call.callbackUrl()));
    }
}
