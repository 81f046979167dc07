package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.http.RefusalException;

/** A parameter map breaks the spec's constraints: answered with result 2003. */
final class InvalidParamsException extends RefusalException {

    InvalidParamsException(String message) {
        super(Answers.INVALID, message);
    }
}
