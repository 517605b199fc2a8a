package dev.lexguard.platform.events.envelope;

import java.util.Arrays;
import java.util.Optional;

/** Who caused an event: the {@code actortype} extension attribute. */
public enum ActorType {
    USER("user"),
    CONTACT("contact"),
    SYSTEM("system");

    private final String wireName;

    ActorType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ActorType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
