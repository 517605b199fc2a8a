package dev.lexguard.sessions;

import dev.lexguard.devstack.EventTopic;

/** lexguard.sessions.events as a subscriber (identity, the gateway) reads it: this service's events of the last minutes. */
public final class SessionsTopic extends EventTopic {

    public static final String TOPIC = "lexguard.sessions.events";

    public SessionsTopic() {
        super(TOPIC, "/sessions-service");
    }
}
