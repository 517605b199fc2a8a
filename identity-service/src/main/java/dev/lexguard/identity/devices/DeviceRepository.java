package dev.lexguard.identity.devices;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DeviceRepository implements PanacheRepositoryBase<Device, UUID> {

    /** The device if it belongs to the firm; null for another firm's id exactly as for an unknown one. */
    public Uni<Device> findInFirm(UUID firmId, UUID deviceId) {
        return find("firmId = ?1 and id = ?2", firmId, deviceId).firstResult();
    }

    public Uni<List<Device>> lockActiveOf(UUID firmId, UUID userId) {
        return find("firmId = ?1 and userId = ?2 and status = ?3 order by registeredAt", firmId, userId, Device.ACTIVE)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Active devices of the user (or, with {@code userId} null, of the firm) registered before {@code before}, locked. */
    public Uni<List<Device>> lockActiveRegisteredBefore(UUID firmId, UUID userId, Instant before) {
        return (userId == null
                ? find("firmId = ?1 and status = ?2 and registeredAt < ?3 order by registeredAt", firmId, Device.ACTIVE,
                        before)
                : find("firmId = ?1 and status = ?2 and registeredAt < ?3 and userId = ?4 order by registeredAt", firmId,
                        Device.ACTIVE, before, userId))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<Device> lock(UUID deviceId) {
        return findById(deviceId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * One page in registration order (then id), continuing after the given position (null: from the start); the
     * firm's devices, or one user's when {@code userId} is set.
     */
    public Uni<List<Device>> page(UUID firmId, UUID userId, Instant afterAt, UUID afterId, int rows) {
        String owner = userId == null ? "" : " and userId = :user";
        String after = afterAt == null ? "" : " and (registeredAt > :at or (registeredAt = :at and id > :id))";
        Parameters params = Parameters.with("firm", firmId);
        if (userId != null) {
            params = params.and("user", userId);
        }
        if (afterAt != null) {
            params = params.and("at", afterAt).and("id", afterId);
        }
        return find("firmId = :firm" + owner + after + " order by registeredAt, id", params).page(0, rows).list();
    }
}
