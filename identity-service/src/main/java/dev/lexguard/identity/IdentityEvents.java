package dev.lexguard.identity;

import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.outbox.EventDraft;
import java.util.UUID;

/**
 * The event types identity-service publishes (schemas in platform/events, listed in docs/asyncapi.yaml).
 * None carries a secret: no password or hash, no token, no link.
 */
public final class IdentityEvents {

    public static final String FIRM_CREATED = "dev.lexguard.identity.firm.created";
    public static final String USER_CREATED = "dev.lexguard.identity.user.created";
    public static final String USER_INVITED = "dev.lexguard.identity.user.invited";
    public static final String USER_ACTIVATED = "dev.lexguard.identity.user.activated";
    public static final String USER_DEACTIVATED = "dev.lexguard.identity.user.deactivated";
    public static final String PASSWORD_CHANGED = "dev.lexguard.identity.password.changed";
    public static final String PASSWORD_RESET_REQUESTED = "dev.lexguard.identity.password.resetRequested";
    public static final String PASSWORD_RESET_COMPLETED = "dev.lexguard.identity.password.resetCompleted";
    public static final String SIGNIN_FAILED = "dev.lexguard.identity.signin.failed";
    public static final String SESSION_STARTED = "dev.lexguard.identity.session.started";
    public static final String SESSION_REFRESHED = "dev.lexguard.identity.session.refreshed";
    public static final String SESSION_ENDED = "dev.lexguard.identity.session.ended";
    public static final String TWO_FACTOR_ENABLED = "dev.lexguard.identity.twofactor.enabled";
    public static final String TWO_FACTOR_DISABLED = "dev.lexguard.identity.twofactor.disabled";
    public static final String TWO_FACTOR_REPLAY_REJECTED = "dev.lexguard.identity.twofactor.replayRejected";
    public static final String RECOVERY_CODE_USED = "dev.lexguard.identity.twofactor.recoveryUsed";
    public static final String RECOVERY_CODES_REGENERATED = "dev.lexguard.identity.twofactor.recoveryRegenerated";
    public static final String SIGN_UP_EMAIL_IN_USE = "dev.lexguard.identity.signup.emailInUse";
    public static final String STEP_UP_SUCCEEDED = "dev.lexguard.identity.stepup.succeeded";
    public static final String STEP_UP_FAILED = "dev.lexguard.identity.stepup.failed";
    public static final String TWO_FACTOR_POLICY_CHANGED = "dev.lexguard.identity.twofactor.policyChanged";
    public static final String PASSKEY_REGISTERED = "dev.lexguard.identity.passkey.registered";
    public static final String PASSKEY_REMOVED = "dev.lexguard.identity.passkey.removed";
    public static final String PASSKEY_RENAMED = "dev.lexguard.identity.passkey.renamed";
    public static final String PASSKEY_USED = "dev.lexguard.identity.passkey.used";
    public static final String PASSKEY_REJECTED = "dev.lexguard.identity.passkey.rejected";
    public static final String PASSKEY_POLICY_CHANGED = "dev.lexguard.identity.passkey.policyChanged";

    /**
     * The firm id of events about a sign-in to no known account (the envelope requires one): the nil UUID.
     * Consumers that follow one firm never see these; security monitoring reads them all.
     */
    public static final UUID NO_FIRM = new UUID(0, 0);
    public static final String SYSTEM_ACTOR = "identity-service";

    private IdentityEvents() {
    }

    public static EventDraft byUser(String type, UUID subject, UUID firmId, UUID actorId, Object data) {
        return EventDraft.of(type, subject.toString(), firmId, actorId.toString(), ActorType.USER, data);
    }

    public static EventDraft bySystem(String type, String subject, UUID firmId, Object data) {
        return EventDraft.of(type, subject, firmId, SYSTEM_ACTOR, ActorType.SYSTEM, data);
    }
}
