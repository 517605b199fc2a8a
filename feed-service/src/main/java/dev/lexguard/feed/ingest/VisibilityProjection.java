package dev.lexguard.feed.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.platform.events.envelope.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The facts permissions-service decides visibility from, kept current from identity's and permissions'
 * events: users (status, display name, administrator), matters (registered, access mode, access list),
 * group membership and activity descriptions' visibility; and, for group filters, the firm's groups and each user's
 * saved default filter. Every statement runs in the ingestion's transaction, on its
 * connection.
 */
@ApplicationScoped
public class VisibilityProjection {

    static final String UPSERT_USER = """
            insert into feed_user (firm_id, id, display_name, status, administrator)
            values (:firm, :id, :name, :status, :admin)
            on conflict (firm_id, id) do update set display_name = excluded.display_name,
              status = case when feed_user.status = 'deactivated' then feed_user.status else excluded.status end,
              administrator = feed_user.administrator or excluded.administrator""";
    static final String RENAME_USER = """
            insert into feed_user (firm_id, id, display_name, status) values (:firm, :id, :name, 'active')
            on conflict (firm_id, id) do update set display_name = excluded.display_name""";
    static final String USER_STATUS = """
            insert into feed_user (firm_id, id, display_name, status) values (:firm, :id, '', :status)
            on conflict (firm_id, id) do update set status = case
              when feed_user.status = 'deactivated' and excluded.status = 'active' then feed_user.status
              else excluded.status end""";
    static final String ADMINISTRATOR = """
            insert into feed_user (firm_id, id, display_name, status, administrator) values (:firm, :id, '', 'active', :admin)
            on conflict (firm_id, id) do update set administrator = excluded.administrator""";
    static final String ADD_MEMBER = """
            insert into feed_group_member (firm_id, group_id, user_id) values (:firm, :group, :user) on conflict do nothing""";
    static final String REMOVE_MEMBER = "delete from feed_group_member where firm_id = :firm and group_id = :group and user_id = :user";
    static final String DELETE_GROUP_MEMBERS = "delete from feed_group_member where firm_id = :firm and group_id = :group";
    static final String DELETE_GROUP_ACCESS = """
            delete from feed_matter_access where firm_id = :firm and kind = 'group' and principal_id = :group""";
    static final String REASSIGN_DESCRIPTIONS = """
            insert into feed_activity_description_group (firm_id, activity_description_id, group_id)
            select firm_id, activity_description_id, :to from feed_activity_description_group
            where firm_id = :firm and group_id = :group on conflict do nothing""";
    static final String DELETE_DESCRIPTION_GROUP = """
            delete from feed_activity_description_group where firm_id = :firm and group_id = :group""";
    static final String ADD_GROUPS = """
            insert into feed_group (firm_id, id) select :firm, cast(g as uuid) from unnest(string_to_array(:groups, ',')) g
            on conflict do nothing""";
    static final String DELETE_GROUP = "delete from feed_group where firm_id = :firm and id = :group";
    static final String SAVE_FILTER = """
            insert into feed_group_filter (firm_id, user_id, mine, group_ids)
            values (:firm, :user, :mine, cast(string_to_array(:groups, ',') as uuid[]))
            on conflict (firm_id, user_id) do update set mine = excluded.mine, group_ids = excluded.group_ids""";
    static final String CLEAR_FILTER = "delete from feed_group_filter where firm_id = :firm and user_id = :user";
    // A deleted group leaves saved filters as permissions-service prunes them: replaced by the group it is reassigned
    // to, else removed; a filter left empty is removed.
    static final String FILTERS_REPLACE_GROUP = """
            update feed_group_filter set group_ids = array(select distinct g from unnest(array_replace(group_ids,
              cast(:group as uuid), cast(:to as uuid))) g order by g)
            where firm_id = :firm and group_ids @> array[cast(:group as uuid)]""";
    static final String FILTERS_REMOVE_GROUP = """
            update feed_group_filter set group_ids = array_remove(group_ids, cast(:group as uuid))
            where firm_id = :firm and group_ids @> array[cast(:group as uuid)]""";
    static final String FILTERS_DROP_EMPTY = """
            delete from feed_group_filter where firm_id = :firm and not mine and cardinality(group_ids) = 0""";
    static final String REGISTER_MATTER = """
            insert into feed_matter (firm_id, id, display_number, description, registered)
            values (:firm, :id, :number, :description, true)
            on conflict (firm_id, id) do update set display_number = excluded.display_number,
              description = excluded.description, registered = true""";
    static final String DESCRIBE_MATTER = """
            insert into feed_matter (firm_id, id, display_number, description) values (:firm, :id, :number, :description)
            on conflict (firm_id, id) do update set display_number = excluded.display_number, description = excluded.description""";
    static final String ACCESS_MODE = """
            insert into feed_matter (firm_id, id, registered, mode, access_version) values (:firm, :id, true, :mode, :version)
            on conflict (firm_id, id) do update set registered = true, mode = excluded.mode, access_version = excluded.access_version
            where feed_matter.access_version < excluded.access_version""";
    static final String CLEAR_ACCESS = """
            delete from feed_matter_access a using feed_matter m
            where a.firm_id = :firm and a.matter_id = :id and m.firm_id = :firm and m.id = :id and m.access_version = :version""";
    static final String ADD_ACCESS = """
            insert into feed_matter_access (firm_id, matter_id, kind, principal_id)
            select :firm, :id, :kind, cast(p as uuid) from unnest(string_to_array(:principals, ',')) p
            where exists (select 1 from feed_matter m where m.firm_id = :firm and m.id = :id and m.access_version = :version)
            on conflict do nothing""";
    static final String DESCRIPTION = """
            insert into feed_activity_description (firm_id, id, visibility, deleted) values (:firm, :id, :visibility, :deleted)
            on conflict (firm_id, id) do update set visibility = excluded.visibility, deleted = excluded.deleted""";
    static final String CLEAR_DESCRIPTION_GROUPS = """
            delete from feed_activity_description_group where firm_id = :firm and activity_description_id = :id""";
    static final String ADD_DESCRIPTION_GROUPS = """
            insert into feed_activity_description_group (firm_id, activity_description_id, group_id)
            select :firm, :id, cast(g as uuid) from unnest(string_to_array(:groups, ',')) g on conflict do nothing""";

    /** Applies what the event changes in the projection; events that change nothing here pass through. */
    public Uni<Void> apply(SqlConnection connection, CloudEvent event) {
        UUID firm = event.firmId();
        JsonNode d = event.data();
        List<Statement> statements = new ArrayList<>();
        switch (event.type()) {
            case "dev.lexguard.identity.user.created" -> statements.add(new Statement(UPSERT_USER, Map.of("firm", firm,
                    "id", uuid(d, "userId"), "name", d.path("displayName").asText(""), "status", d.path("status").asText("invited"),
                    "admin", d.path("owner").asBoolean(false))));
            case "dev.lexguard.identity.user.activated" -> statements.add(status(firm, d, "active"));
            case "dev.lexguard.identity.user.deactivated" -> statements.add(status(firm, d, "deactivated"));
            case "dev.lexguard.permissions.accountpermissions.changed" -> {
                boolean admin = false;
                for (JsonNode p : d.path("permissions")) {
                    admin |= "administrator".equals(p.asText());
                }
                statements.add(new Statement(ADMINISTRATOR, Map.of("firm", firm, "id", uuid(d, "userId"), "admin", admin)));
            }
            case "dev.lexguard.permissions.group.created" -> statements.add(new Statement(ADD_GROUPS,
                    Map.of("firm", firm, "groups", uuid(d, "groupId").toString())));
            case "dev.lexguard.permissions.groupmember.added" -> {
                statements.add(new Statement(ADD_GROUPS, Map.of("firm", firm, "groups", uuid(d, "groupId").toString())));
                statements.add(new Statement(ADD_MEMBER, Map.of("firm", firm, "group", uuid(d, "groupId"), "user", uuid(d, "userId"))));
            }
            case "dev.lexguard.permissions.groupfilter.changed" -> savedFilter(firm, d, statements);
            case "dev.lexguard.permissions.groupmember.removed" -> statements.add(new Statement(REMOVE_MEMBER,
                    Map.of("firm", firm, "group", uuid(d, "groupId"), "user", uuid(d, "userId"))));
            case "dev.lexguard.permissions.group.deleted" -> {
                Map<String, Object> group = Map.of("firm", firm, "group", uuid(d, "groupId"));
                statements.add(new Statement(DELETE_GROUP_MEMBERS, group));
                statements.add(new Statement(DELETE_GROUP_ACCESS, group));
                if (d.hasNonNull("reassignedTo")) {
                    statements.add(new Statement(REASSIGN_DESCRIPTIONS,
                            Map.of("firm", firm, "group", uuid(d, "groupId"), "to", uuid(d, "reassignedTo"))));
                }
                statements.add(new Statement(DELETE_DESCRIPTION_GROUP, group));
                statements.add(new Statement(DELETE_GROUP, group));
                if (d.hasNonNull("reassignedTo")) {
                    statements.add(new Statement(FILTERS_REPLACE_GROUP,
                            Map.of("firm", firm, "group", uuid(d, "groupId"), "to", uuid(d, "reassignedTo"))));
                } else {
                    statements.add(new Statement(FILTERS_REMOVE_GROUP, group));
                }
                statements.add(new Statement(FILTERS_DROP_EMPTY, Map.of("firm", firm)));
            }
            case "dev.lexguard.permissions.matter.registered", "dev.lexguard.permissions.matter.updated",
                    "dev.lexguard.permissions.matter.closed" -> statements.add(matter(REGISTER_MATTER, firm, d));
            case "dev.lexguard.activity.matter.created", "dev.lexguard.activity.matter.updated" ->
                    statements.add(matter(DESCRIBE_MATTER, firm, d));
            case "dev.lexguard.permissions.matteraccess.changed" -> accessList(firm, d, statements);
            case "dev.lexguard.permissions.activitydescription.changed" -> {
                UUID id = uuid(d, "activityDescriptionId");
                statements.add(new Statement(DESCRIPTION, Map.of("firm", firm, "id", id,
                        "visibility", d.path("visibility").asText("groups"), "deleted", "deleted".equals(d.path("change").asText()))));
                statements.add(new Statement(CLEAR_DESCRIPTION_GROUPS, Map.of("firm", firm, "id", id)));
                String groups = join(d.path("groupIds"));
                if (!groups.isEmpty()) {
                    statements.add(new Statement(ADD_GROUPS, Map.of("firm", firm, "groups", groups)));
                    statements.add(new Statement(ADD_DESCRIPTION_GROUPS, Map.of("firm", firm, "id", id, "groups", groups)));
                }
            }
            default -> {
                if (event.type().startsWith("dev.lexguard.identity.") && d.hasNonNull("userId") && d.hasNonNull("displayName")) {
                    // A type identity may add later (a rename, say): the display name still follows it.
                    statements.add(new Statement(RENAME_USER, Map.of("firm", firm, "id", uuid(d, "userId"),
                            "name", d.path("displayName").asText())));
                }
            }
        }
        return run(connection, statements, 0);
    }

    /** Whether the event changes the projection at all (most events do not). */
    public static boolean concerns(CloudEvent event) {
        return event.type().startsWith("dev.lexguard.identity.") || event.type().startsWith("dev.lexguard.permissions.")
                || event.type().startsWith("dev.lexguard.activity.matter.");
    }

    private void accessList(UUID firm, JsonNode d, List<Statement> statements) {
        UUID id = uuid(d, "matterId");
        int version = d.path("version").asInt(1);
        statements.add(new Statement(ACCESS_MODE, Map.of("firm", firm, "id", id, "mode", d.path("mode").asText(), "version", version)));
        statements.add(new Statement(CLEAR_ACCESS, Map.of("firm", firm, "id", id, "version", version)));
        String groups = join(d.path("groupIds"));
        if (!groups.isEmpty()) {
            statements.add(new Statement(ADD_GROUPS, Map.of("firm", firm, "groups", groups)));
        }
        addAccess(statements, firm, id, version, "group", d.path("groupIds"));
        addAccess(statements, firm, id, version, "user", d.path("userIds"));
        addAccess(statements, firm, id, version, "block", d.path("blockedUserIds"));
    }

    /** The user's saved default as permissions-service saved it; no entries: none. */
    private static void savedFilter(UUID firm, JsonNode d, List<Statement> statements) {
        UUID user = uuid(d, "userId");
        boolean mine = false;
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : d.path("groups")) {
            if ("mine".equals(entry.asText())) {
                mine = true;
            } else {
                ids.add(UUID.fromString(entry.asText()).toString());
            }
        }
        if (!mine && ids.isEmpty()) {
            statements.add(new Statement(CLEAR_FILTER, Map.of("firm", firm, "user", user)));
            return;
        }
        String groups = String.join(",", ids);
        if (!groups.isEmpty()) {
            statements.add(new Statement(ADD_GROUPS, Map.of("firm", firm, "groups", groups)));
        }
        statements.add(new Statement(SAVE_FILTER, Map.of("firm", firm, "user", user, "mine", mine, "groups", groups)));
    }

    private static void addAccess(List<Statement> statements, UUID firm, UUID id, int version, String kind, JsonNode ids) {
        String principals = join(ids);
        if (!principals.isEmpty()) {
            statements.add(new Statement(ADD_ACCESS, Map.of("firm", firm, "id", id, "version", version, "kind", kind,
                    "principals", principals)));
        }
    }

    private static Statement matter(String sql, UUID firm, JsonNode d) {
        Map<String, Object> params = new HashMap<>();
        params.put("firm", firm);
        params.put("id", uuid(d, "matterId"));
        params.put("number", d.path("displayNumber").asText(""));
        params.put("description", d.path("description").asText(""));
        return new Statement(sql, params);
    }

    private static Statement status(UUID firm, JsonNode d, String status) {
        return new Statement(USER_STATUS, Map.of("firm", firm, "id", uuid(d, "userId"), "status", status));
    }

    private Uni<Void> run(SqlConnection connection, List<Statement> statements, int index) {
        if (index == statements.size()) {
            return Uni.createFrom().voidItem();
        }
        NamedSql s = NamedSql.of(statements.get(index).sql(), statements.get(index).params());
        return connection.preparedQuery(s.sql()).execute(s.params()).chain(ignored -> run(connection, statements, index + 1));
    }

    private static String join(JsonNode ids) {
        List<String> values = new ArrayList<>();
        for (JsonNode id : ids) {
            values.add(UUID.fromString(id.asText()).toString());
        }
        return String.join(",", values);
    }

    private static UUID uuid(JsonNode d, String field) {
        return UUID.fromString(d.path(field).asText());
    }

    private record Statement(String sql, Map<String, Object> params) {
    }
}
