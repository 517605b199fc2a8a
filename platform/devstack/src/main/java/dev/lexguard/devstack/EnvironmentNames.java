package dev.lexguard.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Servers named by environment variables: all of a server's variables, or none. */
final class EnvironmentNames {

    private EnvironmentNames() {
    }

    /**
     * True when every one of {@code names} is set, false when none is. Naming only some of them is a mistake that
     * would otherwise send a test to a different server than the developer meant, so it fails.
     */
    static boolean allOrNone(Map<String, String> env, List<String> names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            }
        }
        if (missing.size() == names.size()) {
            return false;
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("set all of " + names + " or none of them; missing: " + missing);
        }
        return true;
    }
}
