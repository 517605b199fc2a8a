package dev.lexguard.identity.twofactor;

import java.util.List;

/**
 * A freshly generated set of recovery codes: {@code codes} to show the user once, formatted
 * {@code XXXX-XXXX-XXXX-XXXX}, and {@code hashes} to store, in the same order. {@link #toString()}
 * leaves the codes out so the set cannot leak into a log.
 */
public record RecoveryCodeSet(List<String> codes, List<String> hashes) {

    public RecoveryCodeSet {
        codes = List.copyOf(codes);
        hashes = List.copyOf(hashes);
        if (codes.size() != hashes.size()) {
            throw new IllegalArgumentException("every code needs exactly one hash");
        }
    }

    @Override
    public String toString() {
        return "RecoveryCodeSet[" + codes.size() + " codes, redacted]";
    }
}
