package dev.lexguard.permissions;

import dev.lexguard.devstack.EventTopic;
import org.eclipse.microprofile.config.ConfigProvider;

/** lexguard.permissions.events as a subscriber reads it: this service's events of the last minutes. */
public final class PermissionsTopic extends EventTopic {

    public static final String TOPIC = "lexguard.permissions.events";

    public PermissionsTopic() {
        super(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), TOPIC, "/permissions-service");
    }
}
