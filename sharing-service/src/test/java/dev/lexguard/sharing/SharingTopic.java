package dev.lexguard.sharing;

import dev.lexguard.devstack.EventTopic;
import org.eclipse.microprofile.config.ConfigProvider;

/** lexguard.sharing.events, read from the beginning as a subscriber would. */
public final class SharingTopic extends EventTopic {

    public SharingTopic() {
        super(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), "lexguard.sharing.events");
    }
}
