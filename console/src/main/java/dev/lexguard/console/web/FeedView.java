package dev.lexguard.console.web;

import io.quarkus.qute.TemplateData;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A feed as a timeline (feed-service's page of entries, newest first): each entry's summary, who acted, when, its
 * category and matter; the link to older entries (the API's cursor, with the same filters); the filter form's choices;
 * and the console URL of its live stream. {@code matterId} is set on one matter's feed.
 */
@TemplateData
public record FeedView(List<EntryRow> entries, String olderLink, FeedFilters filters, List<Option> actors, List<Option> categories,
        List<Option> matters, String streamUrl, String path, String matterId, String matterNumber, String matterDescription) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    @TemplateData
    public record EntryRow(String id, String summary, String actor, String actorType, String category, String when,
            String occurredAt, String matterId, String matterNumber, String object, boolean redacted) {
    }

    @TemplateData
    public record Option(String value, String label, boolean selected) {
    }

    /** The firm feed: {@code matters} is the API's page of the matters the reader may see (the filter's choices). */
    public static FeedView firm(JsonObject page, FeedFilters filters, JsonObject matters) {
        List<Option> matterOptions = new ArrayList<>();
        String selected = filters.matter() == null ? null : filters.matter().toString();
        for (JsonObject m : Json.items(matters)) {
            String label = (m.getString("displayNumber", "") + " " + m.getString("description", "")).strip();
            matterOptions.add(new Option(m.getString("id"), label, m.getString("id").equals(selected)));
        }
        return of(page, filters, matterOptions, "/console/feed", null, null, null);
    }

    /** One matter's feed; {@code matter} is the matter as the API gives it (empty when it could not be read). */
    public static FeedView matter(JsonObject page, FeedFilters filters, String matterId, JsonObject matter) {
        List<JsonObject> entries = Json.items(page);
        String number = matter.getString("displayNumber");
        if (number == null && !entries.isEmpty() && entries.get(0).getJsonObject("matter") != null) {
            number = entries.get(0).getJsonObject("matter").getString("displayNumber");
        }
        return of(page, filters, List.of(), "/console/matters/" + matterId + "/feed", matterId, Json.orElse(number, "this matter"),
                matter.getString("description", ""));
    }

    private static FeedView of(JsonObject page, FeedFilters filters, List<Option> matters, String path, String matterId,
            String matterNumber, String matterDescription) {
        List<EntryRow> rows = new ArrayList<>();
        for (JsonObject e : Json.items(page)) {
            rows.add(row(e));
        }
        String query = filters.consoleQuery();
        String cursor = page.getString("nextCursor");
        String older = cursor == null ? null : path + "?" + (query.isEmpty() ? "" : query + "&") + "cursor=" + cursor;
        List<Option> actors = new ArrayList<>();
        for (String type : FeedFilters.ACTOR_TYPES) {
            actors.add(new Option(type, actorLabel(type), type.equals(filters.actor())));
        }
        List<Option> categories = new ArrayList<>();
        for (String category : FeedFilters.CATEGORIES) {
            categories.add(new Option(category, category.substring(0, 1).toUpperCase(Locale.ENGLISH) + category.substring(1),
                    category.equals(filters.category())));
        }
        String streamQuery = matterId == null ? query : "matter=" + matterId + filtersWithoutMatter(filters);
        // live entries are new ones: only the first page of a feed whose range is open-ended gets them
        String stream = filters.cursor() == null && filters.to() == null
                ? "/console/feed/stream" + (streamQuery.isEmpty() ? "" : "?" + streamQuery) : null;
        return new FeedView(rows, older, filters, actors, categories, matters, stream, path, matterId, matterNumber,
                matterDescription);
    }

    private static String filtersWithoutMatter(FeedFilters filters) {
        String rest = new FeedFilters(filters.actor(), filters.category(), null, filters.from(), filters.to(), null).consoleQuery();
        return rest.isEmpty() ? "" : "&" + rest;
    }

    /** One entry of the API (EntryResponse) as a row of the timeline. */
    static EntryRow row(JsonObject e) {
        JsonObject actor = e.getJsonObject("actor", new JsonObject());
        JsonObject matter = e.getJsonObject("matter");
        JsonObject object = e.getJsonObject("object", new JsonObject());
        String type = actor.getString("type", "");
        String occurred = e.getString("occurredAt", "");
        return new EntryRow(e.getString("id"), Json.orElse(e.getString("summary"), e.getString("type", "")),
                Json.orElse(actor.getString("displayName"), actorLabel(type)), type, e.getString("category", "other"),
                when(occurred), occurred, matter == null ? null : matter.getString("id"),
                matter == null ? null : Json.orElse(matter.getString("displayNumber"), "a matter"),
                Json.orElse(object.getString("title"), ""), e.getBoolean("redacted", false));
    }

    private static String actorLabel(String type) {
        return switch (type) {
            case "user" -> "A user";
            case "contact" -> "A portal contact";
            case "system" -> "LexGuard";
            default -> "Someone";
        };
    }

    private static String when(String iso) {
        try {
            return TIME.format(Instant.parse(iso));
        } catch (RuntimeException e) {
            return iso;
        }
    }
}
