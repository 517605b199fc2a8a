package dev.lexguard.permissions.matteraccess;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum AccessMode {
    /** Every user of the firm, except blocked users. */
    @JsonProperty("everyone")
    EVERYONE("everyone"),
    /** Only the listed groups and users, except blocked users. */
    @JsonProperty("restricted")
    RESTRICTED("restricted");

    private final String wireName;

    AccessMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static AccessMode of(String wireName) {
        return "everyone".equals(wireName) ? EVERYONE : RESTRICTED;
    }
}
