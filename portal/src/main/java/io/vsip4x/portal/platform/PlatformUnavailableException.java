package io.vsip4x.portal.platform;

/** The platform could not be reached for something that cannot wait. Answered as 503. */
public class PlatformUnavailableException extends RuntimeException {

    public PlatformUnavailableException(Throwable cause) {
        super("The platform cannot be reached", cause);
    }
}
