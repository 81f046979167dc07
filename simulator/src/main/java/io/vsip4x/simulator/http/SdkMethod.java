package io.vsip4x.simulator.http;

/** One SDK method's behaviour. */
@FunctionalInterface
public interface SdkMethod {

    /**
     * Runs the method. The arguments already have the declared count and types.
     *
     * @return the answer, serialised as JSON: a map with {@code result}, or bare data
     * @throws BadRequestException when an argument is unusable in a way the binding answers
     *                             with 400
     * @throws RefusalException    when the platform refuses the call with a result code
     */
    Object invoke(Call call);
}
