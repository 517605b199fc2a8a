package dev.lexguard.identity.users;

import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.platform.events.outbox.EventDraft;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** Data of the user events. */
public final class UserEvents {

    private UserEvents() {
    }

    record Created(UUID userId, String email, String displayName, String status, boolean owner) {
    }

    record Invited(UUID userId, UUID invitationId, String email, UUID invitedBy, Instant expiresAt) {
    }

    record Activated(UUID userId, UUID invitationId) {
    }

    record Deactivated(UUID userId, int sessionsEnded) {
    }

    public static EventDraft created(User user, UUID actorId) {
        return IdentityEvents.byUser(IdentityEvents.USER_CREATED, user.id(), user.firmId(), actorId,
                new Created(user.id(), user.email(), user.displayName(), user.status().name().toLowerCase(Locale.ROOT),
                        user.isOwner()));
    }

    /** A unique-index violation (e.g. the email taken by a concurrent request), wherever Hibernate wraps it. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && message.contains("23505")) {
                return true;
            }
        }
        return false;
    }
}
