package dev.lexguard.identity.passkeys;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PasskeyRepository implements PanacheRepositoryBase<Passkey, UUID> {

    public Uni<List<Passkey>> ofUser(UUID firmId, UUID userId) {
        return list("firmId = ?1 and userId = ?2 order by createdAt, id", firmId, userId);
    }

    public Uni<Long> countOf(UUID firmId, UUID userId) {
        return count("firmId = ?1 and userId = ?2", firmId, userId);
    }

    /** The user's usable passkeys other than {@code id}. */
    public Uni<Long> countUsableOtherThan(UUID firmId, UUID userId, UUID id) {
        return count("firmId = ?1 and userId = ?2 and suspectAt is null and id <> ?3", firmId, userId, id);
    }

    /** The passkeys of these users of the firm, oldest first. */
    public Uni<List<Passkey>> ofUsers(UUID firmId, List<UUID> userIds) {
        return list("firmId = ?1 and userId in ?2 order by createdAt, id", firmId, userIds);
    }

    /** All the user's passkeys, locked until the transaction ends. */
    public Uni<List<Passkey>> lockAllOf(UUID firmId, UUID userId) {
        return find("firmId = ?1 and userId = ?2 order by id", firmId, userId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /** Another user's or firm's passkey is not found. */
    public Uni<Passkey> findOwn(UUID firmId, UUID userId, UUID id) {
        return find("id = ?1 and firmId = ?2 and userId = ?3", id, firmId, userId).firstResult();
    }

    /** The same, locked until the transaction ends (the last-factor rule counts under this lock). */
    public Uni<Passkey> lockOwn(UUID firmId, UUID userId, UUID id) {
        return find("id = ?1 and firmId = ?2 and userId = ?3", id, firmId, userId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** By the authenticator's credential id, whoever owns it (the caller decides whether it is the right user's). */
    public Uni<Passkey> lockByCredentialId(byte[] credentialId) {
        return find("credentialId", credentialId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Boolean> credentialExists(byte[] credentialId) {
        return count("credentialId", credentialId).map(n -> n > 0);
    }
}
