package dev.lexguard.sharing.contactrecords;

import java.util.Arrays;
import java.util.Optional;

/** Who a contact is to the firm; the firm's policy sets default expiry and review interval per kind. */
public enum ContactKind {
    CLIENT("client"), CO_COUNSEL("co-counsel"), EXPERT("expert"), OTHER("other");

    public static final String PATTERN = "client|co-counsel|expert|other";

    private final String wireName;

    ContactKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ContactKind> parse(String value) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(value)).findFirst();
    }

    public static ContactKind of(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown contact kind " + value));
    }
}
