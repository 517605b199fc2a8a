package dev.lexguard.feed.reading;

import dev.lexguard.feed.ingest.EntryFactory;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The filters every feed view shares, checked once: a bad value is a 400 naming each field, never a 500.
 * {@code to} is exclusive. {@code groups} is the group filter the firm and matter feeds, the stream and exports
 * resolve ({@link GroupFilters}); the other views have none.
 */
public record FeedFilter(String actorId, String actorType, String objectType, String objectId, String category,
        UUID matterId, Instant from, Instant to, GroupFilter groups) {

    static final Set<String> ACTOR_TYPES = Set.of("user", "contact", "system");
    private static final Pattern ACTOR_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,100}");
    private static final Pattern OBJECT_TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final Pattern OBJECT_ID = Pattern.compile("[A-Za-z0-9._:@/-]{1,200}");

    public static final FeedFilter NONE = new FeedFilter(null, null, null, null, null, null, null, null, GroupFilter.NONE);

    /** Parses the query parameters; every problem is reported at once. */
    public static FeedFilter parse(String actorId, String actorType, String objectType, String objectId, String category,
            String matterId, String from, String to) {
        List<FieldError> errors = new ArrayList<>();
        if (actorId != null && !ACTOR_ID.matcher(actorId).matches()) {
            errors.add(new FieldError("actorId", "must be an actor id (letters, digits and . _ : @ -, at most 100)"));
        }
        if (actorType != null && !ACTOR_TYPES.contains(actorType)) {
            errors.add(new FieldError("actorType", "must be one of user, contact, system"));
        }
        if (objectType != null && !OBJECT_TYPE.matcher(objectType).matches()) {
            errors.add(new FieldError("objectType", "must be an object type such as matter, user, document"));
        }
        if (objectId != null && !OBJECT_ID.matcher(objectId).matches()) {
            errors.add(new FieldError("objectId", "must be an object id (at most 200 characters)"));
        } else if (objectId != null && objectType == null) {
            errors.add(new FieldError("objectId", "needs objectType"));
        }
        if (category != null && !EntryFactory.CATEGORIES.contains(category)) {
            errors.add(new FieldError("category", "must be one of " + String.join(", ", EntryFactory.CATEGORIES.stream().sorted().toList())));
        }
        UUID matter = null;
        if (matterId != null) {
            try {
                matter = UUID.fromString(matterId);
                if (!matter.toString().equalsIgnoreCase(matterId)) {
                    throw new IllegalArgumentException("not canonical");
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("matterId", "must be a UUID"));
            }
        }
        Instant start = time("from", from, errors);
        Instant end = time("to", to, errors);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add(new FieldError("to", "must be after from"));
        }
        if (!errors.isEmpty()) {
            throw new BadRequestProblem("invalid-filter", "A filter has a value the feed cannot use", errors);
        }
        return new FeedFilter(actorId, actorType, objectType, objectId, category, matter, start, end, GroupFilter.NONE);
    }

    FeedFilter withMatter(UUID matter) {
        return new FeedFilter(actorId, actorType, objectType, objectId, category, matter, from, to, groups);
    }

    FeedFilter withObject(String type, String id) {
        return new FeedFilter(actorId, actorType, type, id, category, matterId, from, to, groups);
    }

    FeedFilter withActor(String actor) {
        return new FeedFilter(actor, actorType, objectType, objectId, category, matterId, from, to, groups);
    }

    FeedFilter withGroups(GroupFilter filter) {
        return new FeedFilter(actorId, actorType, objectType, objectId, category, matterId, from, to, filter);
    }

    /** Appends the filters as conditions on {@code e} (the group filter is appended by {@link FeedQueries}). */
    void apply(Sql sql) {
        if (actorId != null) {
            sql.append(" and e.actor_id = " + sql.param(actorId));
        }
        if (actorType != null) {
            sql.append(" and e.actor_type = " + sql.param(actorType));
        }
        if (objectType != null) {
            sql.append(" and e.object_type = " + sql.param(objectType));
        }
        if (objectId != null) {
            sql.append(" and e.object_id = " + sql.param(objectId));
        }
        if (category != null) {
            sql.append(" and e.category = " + sql.param(category));
        }
        if (matterId != null) {
            sql.append(" and e.matter_id = " + sql.param(matterId));
        }
        if (from != null) {
            sql.append(" and e.occurred_at >= " + sql.param(FeedQueries.offset(from)));
        }
        if (to != null) {
            sql.append(" and e.occurred_at < " + sql.param(FeedQueries.offset(to)));
        }
    }

    private static Instant time(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 time with an offset, e.g. 2026-11-29T18:00:00Z"));
            return null;
        }
    }
}
