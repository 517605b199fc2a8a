package dev.lexguard.identity;

import dev.lexguard.devstack.EventTopic;

/** lexguard.identity.events as a subscriber reads it: identity-service's own events of the last minutes. */
public final class IdentityTopic extends EventTopic {

    public static final String TOPIC = "lexguard.identity.events";

    public IdentityTopic() {
        super(TOPIC, "/identity-service");
    }
}
