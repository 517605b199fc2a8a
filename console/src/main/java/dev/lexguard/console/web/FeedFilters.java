package dev.lexguard.console.web;

import dev.lexguard.console.gateway.ConsoleProblem;
import io.quarkus.qute.TemplateData;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The feed's filters as the console's pages take them (actor type, category, matter, a range of days in UTC, and the
 * API's cursor for older entries), checked before any call: a value outside feed-service's lists or a day that is not
 * a date is the 400 page, a malformed matter id the 404 page. {@link #apiQuery()} spells them as feed-service's query
 * (from the first day's start to the end of the last, {@code to} being exclusive there).
 */
@TemplateData
public record FeedFilters(String actor, String category, UUID matter, LocalDate from, LocalDate to, String cursor) {

    public static final List<String> ACTOR_TYPES = List.of("user", "contact", "system");
    public static final List<String> CATEGORIES = List.of("security", "permissions", "users", "matters", "sharing", "billing",
            "documents", "activity", "other");
    /** feed-service's cursors are URL-safe base64 (a MAC and the position); anything else is refused unsent. */
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]{1,512}");

    public static FeedFilters parse(String actor, String category, String matter, String from, String to, String cursor) {
        String actorType = QueryValues.blank(actor) ? null : actor;
        if (actorType != null && !ACTOR_TYPES.contains(actorType)) {
            throw ConsoleProblem.badRequest("Choose who acted from the list.");
        }
        String kind = QueryValues.blank(category) ? null : category;
        if (kind != null && !CATEGORIES.contains(kind)) {
            throw ConsoleProblem.badRequest("Choose a category from the list.");
        }
        UUID matterId = QueryValues.id(matter);
        LocalDate first = QueryValues.day(from);
        LocalDate last = QueryValues.day(to);
        if (first != null && last != null && last.isBefore(first)) {
            throw ConsoleProblem.badRequest("The last day comes before the first.");
        }
        String after = QueryValues.blank(cursor) ? null : cursor;
        if (after != null && !CURSOR.matcher(after).matches()) {
            throw ConsoleProblem.badRequest("That link to older entries is not valid: open the feed again.");
        }
        return new FeedFilters(actorType, kind, matterId, first, last, after);
    }

    /** The filters as feed-service's query parameters, each after '&' (the cursor included when there is one). */
    public String apiQuery() {
        StringBuilder query = new StringBuilder(rangeQuery());
        if (cursor != null) {
            query.append("&cursor=").append(cursor);
        }
        return query.toString();
    }

    /** The filters without the cursor, as feed-service's query parameters: what the live stream and exports take. */
    public String rangeQuery() {
        StringBuilder query = new StringBuilder();
        if (actor != null) {
            query.append("&actorType=").append(actor);
        }
        if (category != null) {
            query.append("&category=").append(category);
        }
        if (matter != null) {
            query.append("&matterId=").append(matter);
        }
        if (from != null) {
            query.append("&from=").append(from.atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        if (to != null) {
            query.append("&to=").append(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        return query.toString();
    }

    /** The filters as the console's own query string (no cursor, no leading '?'), for links that keep them. */
    public String consoleQuery() {
        StringBuilder query = new StringBuilder();
        QueryValues.append(query, "actor", actor);
        QueryValues.append(query, "category", category);
        QueryValues.append(query, "matter", matter);
        QueryValues.append(query, "from", from);
        QueryValues.append(query, "to", to);
        return query.toString();
    }

    public FeedFilters withoutCursor() {
        return new FeedFilters(actor, category, matter, from, to, null);
    }

    public String fromDay() {
        return from == null ? "" : from.toString();
    }

    public String toDay() {
        return to == null ? "" : to.toString();
    }

    public boolean any() {
        return actor != null || category != null || matter != null || from != null || to != null;
    }
}
