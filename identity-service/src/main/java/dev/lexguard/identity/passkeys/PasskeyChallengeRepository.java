package dev.lexguard.identity.passkeys;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class PasskeyChallengeRepository implements PanacheRepositoryBase<PasskeyChallenge, UUID> {

    /** The challenge the client's clientDataJSON names, locked so two answers to it are taken one by one. */
    public Uni<PasskeyChallenge> lockByValue(byte[] challenge) {
        return find("challenge", challenge).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Challenges expired a while ago are of no further use. */
    public Uni<Long> deleteExpiredBefore(Instant before) {
        return delete("expiresAt < ?1", before);
    }
}
