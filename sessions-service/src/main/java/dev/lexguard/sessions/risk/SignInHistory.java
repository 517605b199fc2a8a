package dev.lexguard.sessions.risk;

import java.time.Instant;
import java.util.Set;

/**
 * What is known of a user's earlier successful sign-ins: when the first was (null: this is the first), the
 * devices, countries and networks (ASNs) they came from, and the latest one (null: none).
 */
public record SignInHistory(Instant firstSignInAt, Set<String> deviceKeys, Set<String> countries, Set<Long> networks,
        PreviousSignIn previous) {

    public static final SignInHistory NONE = new SignInHistory(null, Set.of(), Set.of(), Set.of(), null);

    public SignInHistory {
        deviceKeys = Set.copyOf(deviceKeys);
        countries = Set.copyOf(countries);
        networks = Set.copyOf(networks);
    }
}
