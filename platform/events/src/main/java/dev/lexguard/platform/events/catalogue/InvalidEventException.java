package dev.lexguard.platform.events.catalogue;

/** Event data that the catalogue refuses: unknown type on publish, a schema violation or a secret. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }
}
