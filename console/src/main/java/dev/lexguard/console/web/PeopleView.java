package dev.lexguard.console.web;

import io.quarkus.qute.TemplateData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * People and permissions: the firm's users with their account permissions and roles (permissions-service, one read per
 * user, administrators only), the groups with their members (anyone of the firm may read them) and the matters whose
 * access an administrator can open.
 */
@TemplateData
public record PeopleView(List<PersonRow> people, List<GroupRow> groups, List<MatterRow> matters) {

    /** Marks a user permissions-service does not know yet (its projection of identity's events lags a moment). */
    public static final String NOT_YET_KNOWN = "notYetKnown";

    @TemplateData
    public record PersonRow(String id, String displayName, String email, String status, boolean owner, String permissions,
            String direct, String roles) {
    }

    @TemplateData
    public record GroupRow(String id, String name, String description, List<MemberRow> members) {
    }

    @TemplateData
    public record MemberRow(String userId, String displayName, String status) {
    }

    @TemplateData
    public record MatterRow(String id, String displayNumber, String description, String status, String access) {
    }

    /**
     * @param users identity's page of users (empty for a non-administrator's page)
     * @param permissions permissions-service's answer per user id
     * @param groups permissions-service's page of groups
     * @param members each group's page of members, by group id
     * @param matters the matters the administrator may see (empty for a non-administrator's page)
     */
    public static PeopleView of(JsonObject users, Map<String, JsonObject> permissions, JsonObject groups,
            Map<String, JsonObject> members, JsonObject matters) {
        List<PersonRow> people = new ArrayList<>();
        for (JsonObject u : Json.items(users)) {
            JsonObject p = permissions.getOrDefault(u.getString("id"), new JsonObject());
            List<String> roles = new ArrayList<>();
            for (JsonObject role : Json.objects(p.getJsonArray("roles"))) {
                roles.add(role.getString("name", ""));
            }
            boolean known = !p.getBoolean(NOT_YET_KNOWN, false);
            people.add(new PersonRow(u.getString("id"), Json.orElse(u.getString("displayName"), u.getString("email", "")),
                    u.getString("email", ""), u.getString("status", "unknown"), p.getBoolean("owner", u.getBoolean("owner", false)),
                    known ? list(p.getJsonArray("permissions")) : "not known to permissions yet",
                    known ? list(p.getJsonArray("directPermissions")) : "not known yet",
                    !known ? "not known yet" : roles.isEmpty() ? "none" : String.join(", ", roles)));
        }
        List<GroupRow> groupRows = new ArrayList<>();
        for (JsonObject g : Json.items(groups)) {
            List<MemberRow> memberRows = new ArrayList<>();
            for (JsonObject m : Json.items(members.getOrDefault(g.getString("id"), new JsonObject()))) {
                memberRows.add(new MemberRow(m.getString("userId"), Json.orElse(m.getString("displayName"), "someone"),
                        m.getString("status", "active")));
            }
            groupRows.add(new GroupRow(g.getString("id"), g.getString("name", ""), g.getString("description", ""), memberRows));
        }
        List<MatterRow> matterRows = new ArrayList<>();
        for (JsonObject m : Json.items(matters)) {
            matterRows.add(new MatterRow(m.getString("id"), m.getString("displayNumber", ""), m.getString("description", ""),
                    m.getString("status", ""), "restricted".equals(m.getString("access")) ? "Restricted" : "Everyone"));
        }
        return new PeopleView(people, groupRows, matterRows);
    }

    private static String list(JsonArray values) {
        return values == null || values.isEmpty() ? "none" : String.join(", ", values.getList());
    }
}
