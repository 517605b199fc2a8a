package dev.lexguard.sessions.risk;

import java.util.Arrays;
import java.util.Optional;

/** Why a sign-in is unusual (the {@code reasons} of {@code dev.lexguard.sessions.signin.unusual}). */
public enum UnusualReason {
    NEW_DEVICE("new_device"),
    NEW_COUNTRY("new_country"),
    NEW_NETWORK("new_network"),
    IMPOSSIBLE_TRAVEL("impossible_travel");

    private final String wire;

    UnusualReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<UnusualReason> fromWire(String wire) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(wire)).findFirst();
    }
}
