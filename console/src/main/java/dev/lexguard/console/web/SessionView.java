package dev.lexguard.console.web;

import io.quarkus.qute.TemplateData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One row of a sessions page, from sessions-service's SessionResponse. */
@TemplateData
public record SessionView(String id, String userId, boolean current, String location, String device, String browser,
        String address, String lastActive, String lastActiveAt, boolean unusual, String unusualReasons) {

    public static List<SessionView> page(JsonObject page, Instant now) {
        JsonArray items = page.getJsonArray("items", new JsonArray());
        List<SessionView> views = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            views.add(of(items.getJsonObject(i), now));
        }
        return views;
    }

    static SessionView of(JsonObject s, Instant now) {
        JsonObject location = s.getJsonObject("location");
        JsonObject device = s.getJsonObject("device");
        String where = location == null ? null : join(location.getString("city"), location.getString("country"));
        String lastSeen = s.getString("lastSeenAt");
        JsonArray reasons = s.getJsonArray("unusualReasons");
        return new SessionView(s.getString("id"), s.getString("userId"), s.getBoolean("current", false),
                where == null ? "Unknown location" : where,
                device == null ? "Unknown device" : orElse(join(device.getString("os"), device.getString("deviceType")), "Unknown device"),
                device == null ? "Unknown browser" : orElse(device.getString("browser"), "Unknown browser"),
                orElse(s.getString("clientIp"), "unknown"),
                lastSeen == null ? "unknown" : ago(Instant.parse(lastSeen), now), orElse(lastSeen, ""),
                s.getBoolean("unusual", false),
                reasons == null || reasons.isEmpty() ? "" : String.join(", ", reasons.getList()));
    }

    private static String ago(Instant then, Instant now) {
        Duration gone = Duration.between(then, now);
        if (gone.toMinutes() < 1) {
            return "just now";
        }
        if (gone.toHours() < 1) {
            return gone.toMinutes() + " min ago";
        }
        if (gone.toDays() < 1) {
            return gone.toHours() + " h ago";
        }
        return gone.toDays() + " days ago";
    }

    private static String join(String first, String second) {
        if (first == null || first.isBlank()) {
            return second == null || second.isBlank() ? null : second;
        }
        return second == null || second.isBlank() ? first : first + ", " + second;
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
