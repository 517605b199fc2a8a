package dev.lexguard.permissions.accountpermissions;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** An account permission. None of them reveals a restricted matter: only the access list and administrator do. */
public enum Permission {
    /** Settings, users, permissions, groups, security; sees every matter. */
    @JsonProperty("administrator")
    ADMINISTRATOR("administrator"),
    @JsonProperty("billing")
    BILLING("billing"),
    @JsonProperty("reporting")
    REPORTING("reporting"),
    /** Trust and operating accounts. */
    @JsonProperty("accounts")
    ACCOUNTS("accounts");

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Every permission, as the firm's owner holds them. */
    public static List<String> all() {
        return Arrays.stream(values()).map(Permission::wireName).sorted().toList();
    }

    public static List<String> sorted(Collection<Permission> permissions) {
        return permissions.stream().map(Permission::wireName).distinct().sorted().toList();
    }
}
