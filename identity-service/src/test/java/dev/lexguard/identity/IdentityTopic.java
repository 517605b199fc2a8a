package dev.lexguard.identity;

import dev.lexguard.devstack.EventTopic;
import org.eclipse.microprofile.config.ConfigProvider;

/** lexguard.identity.events as a subscriber reads it: identity-service's own events of the last minutes. */
public final class IdentityTopic extends EventTopic {

    public static final String TOPIC = "lexguard.identity.events";

    public IdentityTopic() {
        super(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), TOPIC, "/identity-service");
    }
}
