package dev.lexguard.identity.twofactor;

import java.util.Objects;

/**
 * One recovery code as the service keeps it: its salted hash (from {@link RecoveryCodeSet#hashes()})
 * and whether it has been used.
 */
public record StoredRecoveryCode(String hash, boolean used) {

    public StoredRecoveryCode {
        Objects.requireNonNull(hash, "hash");
    }
}
