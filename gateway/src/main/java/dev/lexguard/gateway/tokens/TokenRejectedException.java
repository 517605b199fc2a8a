package dev.lexguard.gateway.tokens;

/**
 * A token the gateway refuses. The reason is for logs and metrics (a short fixed word such as
 * {@code expired}); the client only ever gets a generic 401.
 */
public final class TokenRejectedException extends RuntimeException {

    private final String reason;

    public TokenRejectedException(String reason) {
        super(reason, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
