package io.vsip4x.simulator.http;

/** The request breaks the binding (not JSON, wrong argument count or types): HTTP 400. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
