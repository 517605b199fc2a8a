package dev.lexguard.sharing;

import dev.lexguard.devstack.EventTopic;

/** lexguard.sharing.events, read from the beginning as a subscriber would. */
public final class SharingTopic extends EventTopic {

    public SharingTopic() {
        super("lexguard.sharing.events");
    }
}
