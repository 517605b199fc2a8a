package dev.lexguard.platform.events.envelope;

/** A record that is not a well-formed LexGuard CloudEvent (not JSON, or a missing or invalid attribute). */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
