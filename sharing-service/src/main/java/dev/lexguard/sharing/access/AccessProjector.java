package dev.lexguard.sharing.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.platform.events.consumer.IdempotentConsumer;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.sharing.Database;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps this service's copy of the facts permissions-service decides matter access on: users (active, owner,
 * administrator) from lexguard.identity.events and lexguard.permissions.events, matters with their access lists
 * and group memberships from lexguard.permissions.events. A closed matter's shares are revoked when the firm's
 * policy says so.
 */
@ApplicationScoped
public class AccessProjector {

    static final String IDENTITY_CONSUMER = "sharing-access-identity";
    static final String PERMISSIONS_CONSUMER = "sharing-access-permissions";

    static final String UPSERT_USER = """
            insert into proj_user (id, firm_id, active, owner) values (:id, :firm, :active, :owner)
            on conflict (id) do update set active = excluded.active, owner = proj_user.owner or excluded.owner
            where proj_user.firm_id = excluded.firm_id""";
    static final String SET_ACTIVE = """
            insert into proj_user (id, firm_id, active) values (:id, :firm, :active)
            on conflict (id) do update set active = excluded.active where proj_user.firm_id = excluded.firm_id""";
    static final String SET_PERMISSIONS = """
            insert into proj_user (id, firm_id, active, owner, administrator) values (:id, :firm, true, :owner, :admin)
            on conflict (id) do update set owner = excluded.owner, administrator = excluded.administrator
            where proj_user.firm_id = excluded.firm_id""";
    static final String SET_OWNER = """
            insert into proj_user (id, firm_id, active, owner) values (:id, :firm, true, :owner)
            on conflict (id) do update set owner = excluded.owner where proj_user.firm_id = excluded.firm_id""";
    static final String UPSERT_MATTER = """
            insert into proj_matter (id, firm_id, display_number, status, mode) values (:id, :firm, :number, :status, 'everyone')
            on conflict (id) do update set display_number = excluded.display_number, status = excluded.status,
                mode = coalesce(proj_matter.mode, 'everyone')
            where proj_matter.firm_id = excluded.firm_id""";
    static final String ACCESS_VERSION = """
            insert into proj_matter (id, firm_id, display_number, status, mode, access_version)
            values (:id, :firm, '', 'open', :mode, :version)
            on conflict (id) do update set mode = excluded.mode, access_version = excluded.access_version
            where proj_matter.firm_id = excluded.firm_id and proj_matter.access_version < excluded.access_version""";
    static final String CLEAR_ENTRIES = "delete from proj_matter_entry where matter_id = :id";
    static final String ADD_ENTRY = """
            insert into proj_matter_entry (matter_id, kind, principal_id) values (:id, :kind, :principal) on conflict do nothing""";
    static final String ADD_MEMBER = """
            insert into proj_group_member (firm_id, group_id, user_id) values (:firm, :group, :user) on conflict do nothing""";
    static final String REMOVE_MEMBER = "delete from proj_group_member where firm_id = :firm and group_id = :group and user_id = :user";
    static final String REMOVE_GROUP = "delete from proj_group_member where firm_id = :firm and group_id = :group";
    static final String REMOVE_GROUP_ENTRIES = """
            delete from proj_matter_entry e using proj_matter m
            where e.matter_id = m.id and m.firm_id = :firm and e.kind = 'group' and e.principal_id = :group""";

    private final IdempotentConsumer consumer;
    private final Database db;
    private final MatterClosings shares;

    public AccessProjector(IdempotentConsumer consumer, Database db, MatterClosings shares) {
        this.consumer = consumer;
        this.db = db;
        this.shares = shares;
    }

    @Incoming("identity-events")
    public Uni<Void> identity(ConsumerRecord<String, String> record) {
        return consumer.consume(IDENTITY_CONSUMER, record, this::applyIdentity);
    }

    @Incoming("permissions-events")
    public Uni<Void> permissions(ConsumerRecord<String, String> record) {
        return consumer.consume(PERMISSIONS_CONSUMER, record, this::applyPermissions);
    }

    private Uni<Void> applyIdentity(CloudEvent event) {
        JsonNode data = event.data();
        UUID firm = event.firmId();
        return switch (event.type()) {
            case "dev.lexguard.identity.firm.created" -> exec(UPSERT_USER, Map.of("id", uuid(data, "ownerId"), "firm", firm,
                    "active", true, "owner", true));
            case "dev.lexguard.identity.user.created" -> exec(UPSERT_USER, Map.of("id", uuid(data, "userId"), "firm", firm,
                    "active", !"deactivated".equals(data.path("status").asText()), "owner", data.path("owner").asBoolean(false)));
            case "dev.lexguard.identity.user.activated" -> exec(SET_ACTIVE, Map.of("id", uuid(data, "userId"), "firm", firm, "active", true));
            case "dev.lexguard.identity.user.deactivated" -> exec(SET_ACTIVE, Map.of("id", uuid(data, "userId"), "firm", firm,
                    "active", false));
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> applyPermissions(CloudEvent event) {
        JsonNode data = event.data();
        UUID firm = event.firmId();
        return switch (event.type()) {
            case "dev.lexguard.permissions.accountpermissions.changed" -> exec(SET_PERMISSIONS, Map.of("id", uuid(data, "userId"),
                    "firm", firm, "owner", data.path("owner").asBoolean(false), "admin", contains(data.path("permissions"), "administrator")));
            case "dev.lexguard.permissions.ownership.transferred" -> exec(SET_OWNER,
                    Map.of("id", uuid(data, "previousOwnerId"), "firm", firm, "owner", false))
                    .chain(() -> exec(SET_OWNER, Map.of("id", uuid(data, "ownerId"), "firm", firm, "owner", true)));
            case "dev.lexguard.permissions.matter.registered", "dev.lexguard.permissions.matter.updated" -> upsertMatter(firm, data);
            case "dev.lexguard.permissions.matter.closed" -> upsertMatter(firm, data)
                    .chain(() -> shares.matterClosed(firm, uuid(data, "matterId"), event.actorId()));
            case "dev.lexguard.permissions.matteraccess.changed" -> accessChanged(firm, data);
            case "dev.lexguard.permissions.groupmember.added" -> exec(ADD_MEMBER, Map.of("firm", firm, "group", uuid(data, "groupId"),
                    "user", uuid(data, "userId")));
            case "dev.lexguard.permissions.groupmember.removed" -> exec(REMOVE_MEMBER, Map.of("firm", firm,
                    "group", uuid(data, "groupId"), "user", uuid(data, "userId")));
            case "dev.lexguard.permissions.group.deleted" -> exec(REMOVE_GROUP, Map.of("firm", firm, "group", uuid(data, "groupId")))
                    .chain(() -> exec(REMOVE_GROUP_ENTRIES, Map.of("firm", firm, "group", uuid(data, "groupId"))));
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> upsertMatter(UUID firm, JsonNode data) {
        return exec(UPSERT_MATTER, Map.of("id", uuid(data, "matterId"), "firm", firm, "number", data.path("displayNumber").asText(),
                "status", data.path("status").asText("open")));
    }

    /** The event carries the whole list: replace it, unless a newer version is already here. */
    private Uni<Void> accessChanged(UUID firm, JsonNode data) {
        UUID matter = uuid(data, "matterId");
        Map<String, Object> params = new HashMap<>();
        params.put("id", matter);
        params.put("firm", firm);
        params.put("mode", data.path("mode").asText());
        params.put("version", data.path("version").asInt());
        return db.update(ACCESS_VERSION, params).chain(changed -> {
            if (changed == 0) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> chain = exec(CLEAR_ENTRIES, Map.of("id", matter));
            chain = addEntries(chain, matter, "group", data.path("groupIds"));
            chain = addEntries(chain, matter, "user", data.path("userIds"));
            return addEntries(chain, matter, "block", data.path("blockedUserIds"));
        });
    }

    private Uni<Void> addEntries(Uni<Void> chain, UUID matter, String kind, JsonNode ids) {
        Uni<Void> result = chain;
        for (JsonNode id : ids) {
            UUID principal = UUID.fromString(id.asText());
            result = result.chain(() -> exec(ADD_ENTRY, Map.of("id", matter, "kind", kind, "principal", principal)));
        }
        return result;
    }

    private Uni<Void> exec(String sql, Map<String, Object> params) {
        return db.update(sql, params).replaceWithVoid();
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }

    private static UUID uuid(JsonNode data, String field) {
        return UUID.fromString(data.get(field).asText());
    }
}
