package dev.lexguard.permissions;

import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.outbox.EventDraft;
import java.util.UUID;

/** The event types this service publishes on lexguard.permissions.events (schemas in platform/events). */
public final class PermissionsEvents {

    public static final String PERMISSIONS_CHANGED = "dev.lexguard.permissions.accountpermissions.changed";
    public static final String OWNERSHIP_TRANSFERRED = "dev.lexguard.permissions.ownership.transferred";
    public static final String ROLE_CREATED = "dev.lexguard.permissions.role.created";
    public static final String ROLE_UPDATED = "dev.lexguard.permissions.role.updated";
    public static final String ROLE_DELETED = "dev.lexguard.permissions.role.deleted";
    public static final String GROUP_CREATED = "dev.lexguard.permissions.group.created";
    public static final String GROUP_UPDATED = "dev.lexguard.permissions.group.updated";
    public static final String GROUP_DELETED = "dev.lexguard.permissions.group.deleted";
    public static final String GROUP_MEMBER_ADDED = "dev.lexguard.permissions.groupmember.added";
    public static final String GROUP_MEMBER_REMOVED = "dev.lexguard.permissions.groupmember.removed";
    public static final String MATTER_REGISTERED = "dev.lexguard.permissions.matter.registered";
    public static final String MATTER_UPDATED = "dev.lexguard.permissions.matter.updated";
    public static final String MATTER_CLOSED = "dev.lexguard.permissions.matter.closed";
    public static final String MATTER_ACCESS_CHANGED = "dev.lexguard.permissions.matteraccess.changed";
    public static final String ACTIVITY_DESCRIPTION_CHANGED = "dev.lexguard.permissions.activitydescription.changed";
    public static final String GROUP_FILTER_CHANGED = "dev.lexguard.permissions.groupfilter.changed";

    private PermissionsEvents() {
    }

    /** An event caused by a firm user (the usual case: an API call). */
    public static EventDraft byUser(String type, UUID subject, UUID firmId, UUID actorId, Object data) {
        return EventDraft.of(type, subject.toString(), firmId, actorId.toString(), ActorType.USER, data);
    }

    /** An event about a matter caused by a firm user; it carries the {@code matterid} extension. */
    public static EventDraft aboutMatter(String type, UUID matterId, UUID firmId, UUID actorId, Object data) {
        return new EventDraft(type, matterId.toString(), firmId, actorId.toString(), ActorType.USER, matterId, data);
    }
}
