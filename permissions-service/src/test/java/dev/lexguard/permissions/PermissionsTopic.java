package dev.lexguard.permissions;

import dev.lexguard.devstack.EventTopic;

/** lexguard.permissions.events as a subscriber reads it: this service's events of the last minutes. */
public final class PermissionsTopic extends EventTopic {

    public static final String TOPIC = "lexguard.permissions.events";

    public PermissionsTopic() {
        super(TOPIC, "/permissions-service");
    }
}
