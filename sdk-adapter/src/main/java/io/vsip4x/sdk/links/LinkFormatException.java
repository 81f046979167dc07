package io.vsip4x.sdk.links;

/** A link that is not of the appendix's form; the message says what is wrong. */
public class LinkFormatException extends IllegalArgumentException {

    public LinkFormatException(String message) {
        super(message);
    }
}
