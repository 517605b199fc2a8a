package dev.lexguard.console.web;

import io.quarkus.qute.TemplateData;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A matter's access list and who can see the matter and why (permissions-service), now or as it was at the end of a
 * past day.
 */
@TemplateData
public record MatterAccessView(String matterId, String displayNumber, String description, boolean restricted,
        List<Principal> groups, List<Principal> users, List<Principal> blocked, List<ViewerRow> viewers, boolean moreViewers,
        String on) {

    @TemplateData
    public record Principal(String id, String name) {
    }

    @TemplateData
    public record ViewerRow(String userId, String displayName, String reason, String why) {
    }

    /**
     * @param matter permissions-service's matter
     * @param accessList its access list (now, or at the time asked)
     * @param viewers the page of who may see it and why (at the same time)
     * @param on the day asked about (yyyy-MM-dd), or null for now
     */
    public static MatterAccessView of(JsonObject matter, JsonObject accessList, JsonObject viewers, String on) {
        List<ViewerRow> rows = new ArrayList<>();
        for (JsonObject v : Json.items(viewers)) {
            List<String> groups = new ArrayList<>();
            for (JsonObject g : Json.objects(v.getJsonArray("groups"))) {
                groups.add(g.getString("name", ""));
            }
            String reason = v.getString("reason", "");
            rows.add(new ViewerRow(v.getString("userId"), Json.orElse(v.getString("displayName"), "someone"), reason,
                    why(reason, groups)));
        }
        return new MatterAccessView(matter.getString("id"), matter.getString("displayNumber", ""),
                matter.getString("description", ""), "restricted".equals(accessList.getString("mode")),
                principals(accessList, "groups"), principals(accessList, "users"), principals(accessList, "blockedUsers"), rows,
                viewers.getString("nextCursor") != null, on);
    }

    /** permissions-service's reason, as a sentence a person reads. */
    static String why(String reason, List<String> groups) {
        return switch (reason) {
            case "administrator" -> "An administrator of the firm";
            case "everyone" -> "The matter is open to everyone in the firm";
            case "user-grant" -> "Named on the access list";
            case "group" -> groups.isEmpty() ? "Through a group on the access list"
                    : "Through " + (groups.size() == 1 ? "the group " : "the groups ") + String.join(", ", groups);
            default -> reason.replace('-', ' ');
        };
    }

    private static List<Principal> principals(JsonObject accessList, String field) {
        List<Principal> list = new ArrayList<>();
        for (JsonObject p : Json.objects(accessList.getJsonArray(field))) {
            list.add(new Principal(p.getString("id"), Json.orElse(p.getString("name"), "unnamed")));
        }
        return list;
    }
}
