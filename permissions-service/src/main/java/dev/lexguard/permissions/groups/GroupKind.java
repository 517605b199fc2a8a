package dev.lexguard.permissions.groups;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/** What a group stands for; it does not change what membership grants. */
public enum GroupKind {
    @JsonProperty("role")
    ROLE("role"),
    @JsonProperty("practice_area")
    PRACTICE_AREA("practice_area"),
    @JsonProperty("billing_type")
    BILLING_TYPE("billing_type"),
    @JsonProperty("office")
    OFFICE("office"),
    @JsonProperty("other")
    OTHER("other");

    private final String wireName;

    GroupKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static GroupKind of(String wireName) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(wireName)).findFirst().orElseThrow();
    }
}
