package dev.lexguard.sessions;

import dev.lexguard.devstack.EventTopic;
import org.eclipse.microprofile.config.ConfigProvider;

/** lexguard.sessions.events as a subscriber (identity, the gateway) reads it: this service's events of the last minutes. */
public final class SessionsTopic extends EventTopic {

    public static final String TOPIC = "lexguard.sessions.events";

    public SessionsTopic() {
        super(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), TOPIC, "/sessions-service");
    }
}
