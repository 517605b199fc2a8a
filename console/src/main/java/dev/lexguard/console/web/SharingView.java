package dev.lexguard.console.web;

import io.quarkus.qute.TemplateData;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything shared (sharing-service), as filtered: each share with its contact, matter, expiry and whether it expires
 * soon (then the one-click extend is offered); the contacts and matters to filter by on an administrator's page.
 */
@TemplateData
public record SharingView(List<ShareRow> shares, boolean more, List<Option> contacts, List<Option> matters, String contact,
        String matter, String status, Integer expiring) {

    /** Expiring within this many days: the share is marked and offered the one-click extend. */
    public static final int SOON_DAYS = 14;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @TemplateData
    public record ShareRow(String id, String title, String resourceType, String contactName, String contactKind, String matterId,
            String matterNumber, String status, String expires, String expiresAt, boolean soon, boolean active, int openCount) {
    }

    @TemplateData
    public record Option(String id, String label, boolean selected) {
    }

    public static SharingView of(JsonObject shares, JsonObject contacts, JsonObject matters, String contact, String matter,
            String status, Integer expiring, Instant now) {
        List<Option> matterOptions = new ArrayList<>();
        Map<String, String> numbers = new HashMap<>();
        for (JsonObject m : Json.items(matters)) {
            String label = (m.getString("displayNumber", "") + " " + m.getString("description", "")).strip();
            numbers.put(m.getString("id"), m.getString("displayNumber", ""));
            matterOptions.add(new Option(m.getString("id"), label, m.getString("id").equals(matter)));
        }
        List<Option> contactOptions = new ArrayList<>();
        for (JsonObject c : Json.items(contacts)) {
            contactOptions.add(new Option(c.getString("id"), Json.orElse(c.getString("name"), c.getString("email", "a contact")),
                    c.getString("id").equals(contact)));
        }
        List<ShareRow> rows = new ArrayList<>();
        for (JsonObject s : Json.items(shares)) {
            String expiresAt = s.getString("expiresAt");
            Instant expiry = Json.instant(expiresAt);
            String state = s.getString("status", "");
            boolean active = "active".equals(state);
            boolean soon = active && expiry != null && expiry.isBefore(now.plus(Duration.ofDays(SOON_DAYS)));
            rows.add(new ShareRow(s.getString("id"), Json.orElse(s.getString("title"), s.getString("resourceType", "")),
                    s.getString("resourceType", ""), Json.orElse(s.getString("contactName"), "a contact"),
                    s.getString("contactKind", ""), s.getString("matterId"),
                    Json.orElse(numbers.get(s.getString("matterId")), "a matter"), state,
                    expiry == null ? "never" : DAY.format(expiry), Json.orElse(expiresAt, ""), soon, active,
                    s.getInteger("openCount", 0)));
        }
        return new SharingView(rows, shares.getString("nextCursor") != null, contactOptions, matterOptions, contact, matter, status,
                expiring);
    }
}
