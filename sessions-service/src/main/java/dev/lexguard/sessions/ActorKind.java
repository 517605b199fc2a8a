package dev.lexguard.sessions;

import dev.lexguard.platform.events.envelope.ActorType;
import java.util.Arrays;
import java.util.Optional;

/** Whose session: a firm user or a portal contact (the {@code actorType} of this service's events). */
public enum ActorKind {
    USER("user"),
    CONTACT("contact");

    private final String wire;

    ActorKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<ActorKind> fromWire(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
    }

    /** The kind of actor an identity event was caused by; system events are about users. */
    public static ActorKind of(ActorType type) {
        return type == ActorType.CONTACT ? CONTACT : USER;
    }

    public static ActorKind of(dev.lexguard.platform.web.caller.ActorType type) {
        return type == dev.lexguard.platform.web.caller.ActorType.CONTACT ? CONTACT : USER;
    }

    public ActorType eventActorType() {
        return this == CONTACT ? ActorType.CONTACT : ActorType.USER;
    }
}
