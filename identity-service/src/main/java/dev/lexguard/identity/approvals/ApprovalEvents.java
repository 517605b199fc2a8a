package dev.lexguard.identity.approvals;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of the phone-approval events. None carries the number shown on the web page, a request's challenge, a public
 * key, a signature or the device credential: a push gateway learns which device to wake, not how to answer.
 */
final class ApprovalEvents {

    static final String KEY_REGISTERED = "dev.lexguard.identity.approval.keyRegistered";
    static final String KEY_REMOVED = "dev.lexguard.identity.approval.keyRemoved";
    static final String REQUESTED = "dev.lexguard.identity.approval.requested";
    static final String APPROVED = "dev.lexguard.identity.approval.approved";
    static final String DENIED = "dev.lexguard.identity.approval.denied";
    static final String REFUSED = "dev.lexguard.identity.approval.refused";
    static final String SUSPENDED = "dev.lexguard.identity.approval.suspended";

    private ApprovalEvents() {
    }

    record KeyRegistered(UUID deviceId, UUID userId, boolean replaced) {
    }

    record KeyRemoved(UUID deviceId, UUID userId) {
    }

    /** For a push gateway: wake {@code deviceId}; the sign-in came from {@code clientIp} with {@code userAgent}. */
    record Requested(UUID requestId, UUID userId, UUID deviceId, Instant expiresAt, String clientIp, String userAgent) {
    }

    record Approved(UUID requestId, UUID userId, UUID deviceId, String clientIp) {
    }

    /** {@code notMe}: the user said the sign-in was not theirs; the password must be reset. */
    record Denied(UUID requestId, UUID userId, UUID deviceId, boolean notMe, String clientIp) {
    }

    /**
     * An answer or a key registration that was refused: {@code reason} is wrong_number, expired, not_pending,
     * bad_signature, no_key or key_not_proven; {@code requestId} is null for a key registration.
     */
    record Refused(UUID requestId, UUID userId, UUID deviceId, String reason) {
    }

    record Suspended(UUID userId, long denials) {
    }
}
