package dev.lexguard.console.web;

import java.util.UUID;

/** The client portal's addresses: {@code /console/portal/{firmId}/...}, the firm named by the address. */
public final class PortalPaths {

    private static final String PREFIX = "/console/portal/";

    private PortalPaths() {
    }

    public static boolean portal(String path) {
        return path != null && path.startsWith(PREFIX);
    }

    /** The firm a portal address names, or null when it names none (a malformed id names nothing). */
    public static UUID firm(String path) {
        if (!portal(path)) {
            return null;
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        return id(slash < 0 ? rest : rest.substring(0, slash));
    }

    /** A firm or share id from a portal address: anything but a UUID in its canonical form names nothing. */
    public static UUID id(String value) {
        try {
            return value != null && value.length() == 36 ? UUID.fromString(value) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static String signIn(UUID firm) {
        return PREFIX + firm + "/sign-in";
    }

    public static String shares(UUID firm) {
        return PREFIX + firm + "/shares";
    }
}
