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
 * soon (then the one-click extend is offered); the contacts and matters to filter by on an administrator's page, the
 * contact or matter the list is of, and the CSV export of the same list.
 */
@TemplateData
public record SharingView(List<ShareRow> shares, boolean more, List<Option> contacts, List<Option> matters, String contact,
        String matter, String status, Integer expiring, String contactLabel, String matterLabel, String exportUrl) {

    /** Expiring within this many days: the share is marked and offered the one-click extend. */
    public static final int SOON_DAYS = 14;

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** One share; {@code review} is sharing-service's not-due, due or overdue (active shares only). */
    @TemplateData
    public record ShareRow(String id, String title, String resourceType, String contactId, String contactName, String contactKind,
            String matterId, String matterNumber, String status, String expires, String expiresAt, boolean soon, boolean active,
            int openCount, String review, String nextReview, String nextReviewAt) {
    }

    @TemplateData
    public record Option(String id, String label, boolean selected) {
    }

    public static SharingView of(JsonObject shares, JsonObject contacts, JsonObject matters, SharingFilters filters, Instant now) {
        String contact = filters.contact() == null ? null : filters.contact().toString();
        String matter = filters.matter() == null ? null : filters.matter().toString();
        List<Option> matterOptions = options(matters, matter);
        List<Option> contactOptions = new ArrayList<>();
        for (JsonObject c : Json.items(contacts)) {
            contactOptions.add(new Option(c.getString("id"), Json.orElse(c.getString("name"), c.getString("email", "a contact")),
                    c.getString("id").equals(contact)));
        }
        List<ShareRow> rows = rows(shares, numbers(matters), now);
        String contactLabel = contact == null ? null : label(contactOptions, contact,
                rows.stream().filter(r -> contact.equals(r.contactId())).map(ShareRow::contactName).findFirst().orElse("a contact"));
        String matterLabel = matter == null ? null : label(matterOptions, matter, "this matter");
        String query = filters.consoleQuery();
        return new SharingView(rows, shares.getString("nextCursor") != null, contactOptions, matterOptions, contact, matter,
                filters.status(), filters.expiring(), contactLabel, matterLabel, "/console/sharing/export" + (query.isEmpty() ? "" : "?" + query));
    }

    /** The shares of one of sharing-service's pages, with their matters' numbers from the matters' page. */
    static List<ShareRow> rows(JsonObject shares, Map<String, String> matterNumbers, Instant now) {
        List<ShareRow> rows = new ArrayList<>();
        for (JsonObject s : Json.items(shares)) {
            String expiresAt = s.getString("expiresAt");
            Instant expiry = Json.instant(expiresAt);
            String state = s.getString("status", "");
            boolean active = "active".equals(state);
            boolean soon = active && expiry != null && expiry.isBefore(now.plus(Duration.ofDays(SOON_DAYS)));
            String nextReviewAt = s.getString("nextReviewAt");
            Instant nextReview = Json.instant(nextReviewAt);
            rows.add(new ShareRow(s.getString("id"), Json.orElse(s.getString("title"), s.getString("resourceType", "")),
                    s.getString("resourceType", ""), s.getString("contactId"), Json.orElse(s.getString("contactName"), "a contact"),
                    s.getString("contactKind", ""), s.getString("matterId"),
                    Json.orElse(matterNumbers.get(s.getString("matterId")), "a matter"), state,
                    expiry == null ? "never" : DAY.format(expiry), Json.orElse(expiresAt, ""), soon, active,
                    s.getInteger("openCount", 0), s.getString("review"), nextReview == null ? "" : DAY.format(nextReview),
                    Json.orElse(nextReviewAt, "")));
        }
        return rows;
    }

    /** The matters' numbers by id, from a page of matters. */
    static Map<String, String> numbers(JsonObject matters) {
        Map<String, String> numbers = new HashMap<>();
        for (JsonObject m : Json.items(matters)) {
            numbers.put(m.getString("id"), m.getString("displayNumber", ""));
        }
        return numbers;
    }

    private static List<Option> options(JsonObject matters, String selected) {
        List<Option> options = new ArrayList<>();
        for (JsonObject m : Json.items(matters)) {
            String label = (m.getString("displayNumber", "") + " " + m.getString("description", "")).strip();
            options.add(new Option(m.getString("id"), label, m.getString("id").equals(selected)));
        }
        return options;
    }

    private static String label(List<Option> options, String id, String fallback) {
        return options.stream().filter(o -> o.id().equals(id)).map(Option::label).findFirst().orElse(fallback);
    }
}
