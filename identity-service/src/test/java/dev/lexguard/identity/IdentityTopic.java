package dev.lexguard.identity;

import dev.lexguard.devstack.EventTopic;
import org.eclipse.microprofile.config.ConfigProvider;

/** lexguard.identity.events, read from the beginning as a subscriber would. */
public final class IdentityTopic extends EventTopic {

    public static final String TOPIC = "lexguard.identity.events";

    public IdentityTopic() {
        super(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), TOPIC);
    }
}
