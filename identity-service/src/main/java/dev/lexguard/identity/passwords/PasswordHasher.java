package dev.lexguard.identity.passwords;

import dev.lexguard.identity.IdentityConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Hashes and verifies passwords with the configured Argon2id cost, always on the {@link HashingPool}. */
@ApplicationScoped
public class PasswordHasher {

    private final Argon2Phc argon2 = new Argon2Phc();
    private final HashingPool pool;
    private final Argon2Phc.Cost cost;
    // Compared against on misses (unknown email, no password yet), so every sign-in costs one Argon2 run.
    private final String dummyHash;

    public PasswordHasher(HashingPool pool, IdentityConfig config) {
        this.pool = pool;
        this.cost = new Argon2Phc.Cost(config.argon2().memoryKib(), config.argon2().iterations(),
                config.argon2().parallelism());
        this.dummyHash = argon2.hash("dummy password that matches nothing " + System.nanoTime(), cost);
    }

    public Uni<String> hash(String password) {
        return pool.submit(() -> argon2.hash(password, cost));
    }

    /** Verifies against {@code storedHash}, or against a dummy when there is none (same cost, same time). */
    public Uni<Boolean> verify(String password, String storedHash) {
        if (storedHash == null) {
            return pool.submit(() -> {
                argon2.verify(password, dummyHash);
                return false;
            });
        }
        return pool.submit(() -> argon2.verify(password, storedHash));
    }

    public boolean needsRehash(String storedHash) {
        return Argon2Phc.needsRehash(storedHash, cost);
    }

    public Argon2Phc.Cost cost() {
        return cost;
    }
}
