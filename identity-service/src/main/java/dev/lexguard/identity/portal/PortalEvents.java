package dev.lexguard.identity.portal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.outbox.EventDraft;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The portal's event types (schemas in platform/events); none carries a password, token, code or link. */
final class PortalEvents {

    static final String INVITED = "dev.lexguard.identity.portal.invited";
    static final String ACTIVATED = "dev.lexguard.identity.portal.activated";
    static final String SIGNED_IN = "dev.lexguard.identity.portal.signedIn";
    static final String SIGN_IN_FAILED = "dev.lexguard.identity.portal.signInFailed";
    static final String SESSION_ENDED = "dev.lexguard.identity.portal.sessionEnded";
    static final String TWO_FACTOR_ENABLED = "dev.lexguard.identity.portal.twoFactorEnabled";
    static final String TWO_FACTOR_DISABLED = "dev.lexguard.identity.portal.twoFactorDisabled";
    static final String DISABLED = "dev.lexguard.identity.portal.disabled";
    static final String PASSWORD_RESET_REQUESTED = "dev.lexguard.identity.portal.passwordResetRequested";
    static final String PASSWORD_RESET = "dev.lexguard.identity.portal.passwordReset";

    private PortalEvents() {
    }

    /** An event the contact caused (actor type {@code contact}). */
    static EventDraft byContact(String type, PortalAccount account, Object data) {
        return EventDraft.of(type, account.id().toString(), account.firmId(), account.id().toString(),
                ActorType.CONTACT, data);
    }

    static EventDraft byUser(String type, PortalAccount account, UUID userId, Object data) {
        return EventDraft.of(type, account.id().toString(), account.firmId(), userId.toString(), ActorType.USER, data);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Invited(UUID accountId, UUID invitationId, String email, String name, String kind, Instant expiresAt,
            UUID invitedBy) {
    }

    record Activated(UUID accountId, UUID invitationId) {
    }

    record SignedIn(UUID accountId, UUID sessionId, List<String> amr, String clientIp, String userAgent) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SignInFailed(String email, UUID accountId, String reason, String clientIp, String userAgent) {
    }

    record SessionEnded(UUID accountId, UUID sessionId, String reason, String clientIp) {
    }

    record TwoFactorEnabled(UUID accountId, String method, boolean replaced) {
    }

    record TwoFactorDisabled(UUID accountId, String by) {
    }

    record Disabled(UUID accountId, UUID disabledBy) {
    }

    record PasswordResetRequested(UUID resetId, UUID accountId, String email, Instant expiresAt) {
    }

    record PasswordReset(UUID resetId, UUID accountId, int sessionsEnded) {
    }
}
