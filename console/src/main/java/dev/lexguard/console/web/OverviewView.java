package dev.lexguard.console.web;

import io.quarkus.qute.TemplateData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The administrators' security overview, from four answers of the API: identity's two-factor policy and every user's
 * two-factor state, sessions-service's unusual sign-ins, sharing-service's shares expiring soon and reviews due.
 */
@TemplateData
public record OverviewView(boolean policyRequired, int graceDays, long enabled, long pending, long overdue, long notEnrolled,
        List<UserRow> users, List<SignInRow> unusualSignIns, List<ShareRow> expiring, List<ShareRow> reviewsDue,
        int signInDays, int expiringDays, int reviewDays) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    @TemplateData
    public record UserRow(String userId, String email, String displayName, String state, String stateLabel, String methods) {
    }

    @TemplateData
    public record SignInRow(String id, String who, String when, String at, String where, String address, String outcome,
            String reasons) {
    }

    @TemplateData
    public record ShareRow(String id, String title, String contact, String date, String at, String review) {
    }

    public static OverviewView of(JsonObject policy, JsonObject users, JsonObject signIns, JsonObject expiring,
            JsonObject due, int signInDays, int expiringDays, int reviewDays) {
        List<UserRow> rows = new ArrayList<>();
        Map<String, String> emails = new HashMap<>();
        for (JsonObject u : items(users)) {
            String state = u.getString("state", "not_enrolled");
            JsonArray methods = u.getJsonArray("methods", new JsonArray());
            rows.add(new UserRow(u.getString("userId"), u.getString("email", ""), u.getString("displayName", ""), state,
                    label(state), methods.isEmpty() ? "none" : String.join(", ", methods.getList())));
            emails.put(u.getString("userId"), u.getString("email", ""));
        }
        List<SignInRow> unusual = new ArrayList<>();
        for (JsonObject s : items(signIns)) {
            JsonObject location = s.getJsonObject("location");
            String where = location == null ? "Unknown location"
                    : join(location.getString("city"), location.getString("country"), "Unknown location");
            String who = s.getString("userId") == null ? null : emails.get(s.getString("userId"));
            JsonArray reasons = s.getJsonArray("unusualReasons", new JsonArray());
            unusual.add(new SignInRow(s.getString("id"), who == null ? orElse(s.getString("email"), "A portal contact") : who,
                    time(s.getString("occurredAt"), MINUTE), orElse(s.getString("occurredAt"), ""), where,
                    orElse(s.getString("clientIp"), "unknown"), "failed".equals(s.getString("outcome")) ? "Failed" : "Signed in",
                    reasons.isEmpty() ? "" : String.join(", ", reasons.getList()).replace('_', ' ')));
        }
        return new OverviewView(policy.getBoolean("required", false), policy.getInteger("graceDays", 0),
                count(rows, "enabled"), count(rows, "pending"), count(rows, "overdue"), count(rows, "not_enrolled"), rows,
                unusual, shares(expiring, "expiresAt"), shares(due, "nextReviewAt"), signInDays, expiringDays, reviewDays);
    }

    private static List<ShareRow> shares(JsonObject page, String dateField) {
        List<ShareRow> rows = new ArrayList<>();
        for (JsonObject s : items(page)) {
            rows.add(new ShareRow(s.getString("id"), orElse(s.getString("title"), s.getString("resourceType", "")),
                    orElse(s.getString("contactName"), "a contact"), time(s.getString(dateField), DAY),
                    orElse(s.getString(dateField), ""), reviewLabel(s.getString("review"))));
        }
        return rows;
    }

    /** sharing-service's review state of a share, as a phrase: a share listed within the coming days is not due yet. */
    private static String reviewLabel(String review) {
        if (review == null) {
            return "review";
        }
        return switch (review) {
            case "due" -> "review due";
            case "overdue" -> "review overdue";
            default -> "review coming up";
        };
    }

    private static List<JsonObject> items(JsonObject page) {
        JsonArray items = page.getJsonArray("items", new JsonArray());
        List<JsonObject> list = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            list.add(items.getJsonObject(i));
        }
        return list;
    }

    private static long count(List<UserRow> rows, String state) {
        return rows.stream().filter(row -> row.state().equals(state)).count();
    }

    private static String label(String state) {
        return switch (state) {
            case "enabled" -> "Enabled";
            case "pending" -> "Pending";
            case "overdue" -> "Overdue";
            default -> "Not enrolled";
        };
    }

    private static String time(String iso, DateTimeFormatter format) {
        if (iso == null) {
            return "unknown";
        }
        try {
            return format.format(Instant.parse(iso));
        } catch (RuntimeException e) {
            return iso;
        }
    }

    private static String join(String first, String second, String fallback) {
        boolean a = first != null && !first.isBlank();
        boolean b = second != null && !second.isBlank();
        return a && b ? first + ", " + second : a ? first : b ? second : fallback;
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
