package dev.lexguard.devstack;

import java.util.regex.Pattern;

/** Database names go into CREATE DATABASE, which takes no bind parameters: only plain identifiers pass. */
final class DatabaseNames {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private DatabaseNames() {
    }

    static String check(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "database name must be a lower-case identifier ([a-z_][a-z0-9_]*, at most 63 characters), was: " + name);
        }
        return name;
    }
}
