package dev.lexguard.permissions.groups;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class GroupRepository implements PanacheRepositoryBase<AccessGroup, UUID> {

    /** A live group of the firm, or null: another firm's group and a deleted one are as unknown as a missing one. */
    public Uni<AccessGroup> findInFirm(UUID firmId, UUID groupId) {
        return find("id = ?1 and firmId = ?2 and deletedAt is null", groupId, firmId).firstResult();
    }

    /** One page (plus one row) of the firm's live groups by name, after the keyset position if any. */
    public Uni<List<AccessGroup>> page(UUID firmId, Optional<Map<String, String>> after, int rows) {
        if (after.isEmpty()) {
            return find("firmId = :firm and deletedAt is null order by name, id", Parameters.with("firm", firmId))
                    .range(0, rows - 1).list();
        }
        return find("firmId = :firm and deletedAt is null and (name > :name or (name = :name and id > :id)) order by name, id",
                Parameters.with("firm", firmId).and("name", after.get().get("name"))
                        .and("id", UUID.fromString(after.get().get("id"))))
                .range(0, rows - 1).list();
    }
}
