package dev.lexguard.platform.events.consumer;

/**
 * A record that can never be processed (not JSON, a broken envelope, or data that fails its type's
 * schema). It is not retried; the Kafka connector's dead-letter strategy moves it to the dead-letter
 * topic with this message as the {@code dead-letter-reason} header. A handler may throw it too.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
