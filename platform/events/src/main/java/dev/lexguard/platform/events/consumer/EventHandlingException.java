package dev.lexguard.platform.events.consumer;

/** A handler that kept failing after every retry; the record goes to the dead-letter topic. */
public class EventHandlingException extends RuntimeException {

    public EventHandlingException(String message, Throwable cause) {
        super(message, cause);
    }
}
