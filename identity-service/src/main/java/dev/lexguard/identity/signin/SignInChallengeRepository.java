package dev.lexguard.identity.signin;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;

@ApplicationScoped
public class SignInChallengeRepository implements PanacheRepositoryBase<SignInChallenge, UUID> {

    /** For the two-factor step: the challenge a client presents, by the SHA-256 of its token. */
    public Uni<SignInChallenge> findByTokenHash(byte[] tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    /** The same, locked until the transaction ends, so concurrent attempts on one challenge count one by one. */
    public Uni<SignInChallenge> lockByTokenHash(byte[] tokenHash, String purpose) {
        return find("tokenHash = ?1 and purpose = ?2", tokenHash, purpose).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }
}
