package dev.lexguard.identity.sessions;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, byte[]> {

    /** Marks the token used if it is still current; 1 if this call rotated it, 0 if it was not current. */
    public Uni<Integer> consume(byte[] tokenHash, Instant now) {
        return update("usedAt = ?1 where tokenHash = ?2 and usedAt is null", now, tokenHash);
    }

    /** Makes a token consumed in this transaction current again (a refresh that was refused, not used). */
    public Uni<Integer> restore(byte[] tokenHash) {
        return update("usedAt = null where tokenHash = ?1", tokenHash);
    }

    public Uni<RefreshToken> findByHash(byte[] tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }
}
