package dev.lexguard.feed.reading;

import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A group filter of a feed view (issue 19), with permissions-service's semantics for GET /matters: only entries about
 * a matter whose access list names one of these groups (or one of the reader's groups, {@code mine}), or about an
 * activity description restricted to one of them. It narrows what visibility already lets the reader see, never
 * widens it. Spelled in the API as {@code group} entries: group ids and/or {@code mine}; {@code all} means no filter.
 */
public record GroupFilter(boolean mine, SortedSet<UUID> groupIds) {

    public static final String MINE = "mine";
    public static final String ALL = "all";
    public static final int MAX_ENTRIES = 50;
    public static final String FIELD = "group";
    public static final GroupFilter NONE = new GroupFilter(false, new TreeSet<>());

    static final String POSITION_KEY = "filter";

    public GroupFilter {
        groupIds = Collections.unmodifiableSortedSet(new TreeSet<>(groupIds));
    }

    public boolean active() {
        return mine || !groupIds.isEmpty();
    }

    /** The entries as the API spells them: mine first, then the group ids in order. */
    public List<String> entries() {
        List<String> entries = new ArrayList<>();
        if (mine) {
            entries.add(MINE);
        }
        groupIds.forEach(id -> entries.add(id.toString()));
        return entries;
    }

    /**
     * Parses the {@code group} entries of a request; {@code all} (alone) turns any filter off. Anything else that is not
     * a group id or {@code mine} is a 400 naming the field, as permissions-service answers.
     */
    public static GroupFilter parse(List<String> values) {
        List<FieldError> errors = new ArrayList<>();
        if (values.size() > MAX_ENTRIES) {
            errors.add(new FieldError(FIELD, "at most " + MAX_ENTRIES + " entries"));
        }
        boolean mine = false;
        boolean all = false;
        SortedSet<UUID> ids = new TreeSet<>();
        for (String value : values) {
            String text = value == null ? "" : value.strip();
            if (MINE.equals(text)) {
                mine = true;
            } else if (ALL.equals(text)) {
                all = true;
            } else {
                Optional<UUID> id = canonicalUuid(text);
                if (id.isPresent()) {
                    ids.add(id.get());
                } else {
                    errors.add(new FieldError(FIELD, "must be a group id or mine or all"));
                }
            }
        }
        if (all && (mine || !ids.isEmpty())) {
            errors.add(new FieldError(FIELD, "all cannot be combined with other entries"));
        }
        if (!errors.isEmpty()) {
            throw new BadRequestProblem("invalid-group-filter", "The group filter is not valid", errors);
        }
        return new GroupFilter(mine, ids);
    }

    private static Optional<UUID> canonicalUuid(String text) {
        try {
            UUID id = UUID.fromString(text);
            return id.toString().equalsIgnoreCase(text) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Appends the condition on entries {@code e} (nothing when inactive): the entry's matter is on a list naming a
     * group of the filter, or its activity description is restricted to one and not redacted for the reader (so the
     * filter tells nothing about descriptions the reader may not read). {@code redacted} is the reader's redaction
     * expression of {@link FeedQueries}.
     */
    void apply(Sql sql, String firm, String user, String redacted) {
        if (!active()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        if (!groupIds.isEmpty()) {
            parts.add("select cast(fg as uuid) from unnest(string_to_array(" + sql.param(csv()) + ", ',')) fg");
        }
        if (mine) {
            parts.add("select fm.group_id from feed_group_member fm where fm.firm_id = " + firm + " and fm.user_id = " + user);
        }
        String groups = String.join(" union ", parts);
        // An array built once: the matters are then probed by value instead of joining the access list per entry.
        sql.append(" and ((e.matter_id is not null and e.matter_id = any(array(select fe.matter_id from feed_matter_access fe"
                + " where fe.firm_id = " + firm + " and fe.kind = 'group' and fe.principal_id in (" + groups + "))))"
                + " or (e.activity_description_id is not null and not " + redacted
                + " and e.activity_description_id in (select fd.activity_description_id from feed_activity_description_group fd"
                + " where fd.firm_id = " + firm + " and fd.group_id in (" + groups + "))))");
    }

    String csv() {
        return groupIds.stream().map(UUID::toString).collect(Collectors.joining(","));
    }

    /**
     * A cursor continues only the list it was issued for: its position carries the filter's fingerprint, and a
     * cursor replayed with another filter (or none) is an invalid cursor. Returns the position as given.
     */
    public Optional<Map<String, String>> continuing(Optional<Map<String, String>> position) {
        return position.map(p -> {
            if (!Objects.equals(p.get(POSITION_KEY), active() ? fingerprint() : null)) {
                throw BadRequestProblem.invalidCursor();
            }
            return p;
        });
    }

    /** The position of a row with the filter's fingerprint added (for an active filter). */
    public Map<String, String> position(Map<String, String> sortKey) {
        if (!active()) {
            return sortKey;
        }
        Map<String, String> position = new LinkedHashMap<>(sortKey);
        position.put(POSITION_KEY, fingerprint());
        return position;
    }

    /** 16 bytes of SHA-256 over the entries: short enough for a cursor whatever the number of groups. */
    String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join(",", entries()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
