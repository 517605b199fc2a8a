package dev.lexguard.permissions.activitydescriptions;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum Visibility {
    @JsonProperty("everyone")
    EVERYONE("everyone"),
    /** Only members of the chosen groups (and administrators, who manage the catalogue). */
    @JsonProperty("groups")
    GROUPS("groups");

    private final String wireName;

    Visibility(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Visibility of(String wireName) {
        return "everyone".equals(wireName) ? EVERYONE : GROUPS;
    }
}
