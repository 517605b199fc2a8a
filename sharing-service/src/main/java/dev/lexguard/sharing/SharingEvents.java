package dev.lexguard.sharing;

import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.outbox.EventDraft;
import java.util.UUID;

/** The event types this service publishes on lexguard.sharing.events (schemas in platform/events). */
public final class SharingEvents {

    public static final String SHARE_CREATED = "dev.lexguard.sharing.share.created";
    public static final String SHARE_EXTENDED = "dev.lexguard.sharing.share.extended";
    public static final String SHARE_REVOKED = "dev.lexguard.sharing.share.revoked";
    public static final String SHARE_EXPIRING = "dev.lexguard.sharing.share.expiring";
    public static final String SHARE_EXPIRED = "dev.lexguard.sharing.share.expired";
    public static final String SHARE_OPENED = "dev.lexguard.sharing.share.opened";
    public static final String REVIEW_DUE = "dev.lexguard.sharing.review.due";
    public static final String REVIEW_OVERDUE = "dev.lexguard.sharing.review.overdue";
    public static final String REVIEW_DECIDED = "dev.lexguard.sharing.review.decided";
    public static final String PORTAL_ACCESS_REQUESTED = "dev.lexguard.sharing.contact.portalAccessRequested";
    public static final String POLICY_CHANGED = "dev.lexguard.sharing.policy.changed";

    private SharingEvents() {
    }

    /** An event about a share: subject = share id, with the {@code matterid} extension. */
    public static EventDraft aboutShare(String type, UUID shareId, UUID firmId, UUID matterId, String actorId, ActorType actorType,
            Object data) {
        return new EventDraft(type, shareId.toString(), firmId, actorId, actorType, matterId, data);
    }

    /** An event caused by the service itself (the lifecycle sweep, a consumed event). */
    public static String system() {
        return "sharing-service";
    }
}
