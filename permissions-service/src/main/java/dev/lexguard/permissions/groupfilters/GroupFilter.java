package dev.lexguard.permissions.groupfilters;

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
 * A group filter of a list (issue 19): only rows whose access list names one of these groups, or one of the caller's
 * groups ({@code mine}). It narrows what access already lets the caller see, never widens it. Spelled in the API as
 * entries: group ids and/or {@code mine}; {@code all} (query only) means no filter.
 */
public record GroupFilter(boolean mine, SortedSet<UUID> groupIds) {

    public static final String MINE = "mine";
    public static final String ALL = "all";
    public static final int MAX_ENTRIES = 50;
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
     * Parses the entries of a request. {@code allowAll}: the query's {@code all} (alone) turns any filter off.
     * Anything else that is not a group id or {@code mine} is a 400 naming {@code field}.
     */
    static GroupFilter parse(List<String> values, String field, boolean allowAll) {
        List<FieldError> errors = new ArrayList<>();
        if (values.size() > MAX_ENTRIES) {
            errors.add(new FieldError(field, "at most " + MAX_ENTRIES + " entries"));
        }
        boolean mine = false;
        boolean all = false;
        SortedSet<UUID> ids = new TreeSet<>();
        for (String value : values) {
            if (value == null || value.isBlank()) {
                errors.add(new FieldError(field, "must be a group id or mine" + (allowAll ? " or all" : "")));
            } else if (MINE.equals(value.strip())) {
                mine = true;
            } else if (allowAll && ALL.equals(value.strip())) {
                all = true;
            } else {
                try {
                    String text = value.strip();
                    UUID id = UUID.fromString(text);
                    if (!id.toString().equalsIgnoreCase(text)) {
                        throw new IllegalArgumentException("not the canonical form");
                    }
                    ids.add(id);
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(field, "must be a group id or mine" + (allowAll ? " or all" : "")));
                }
            }
        }
        if (all && (mine || !ids.isEmpty())) {
            errors.add(new FieldError(field, "all cannot be combined with other entries"));
        }
        if (!errors.isEmpty()) {
            throw new BadRequestProblem("invalid-group-filter", "The group filter is not valid", errors);
        }
        return new GroupFilter(mine, ids);
    }

    /**
     * The subquery yielding the filter's group ids: the named groups and, for {@code mine}, the current groups of the
     * user bound to {@code userParam}. Only for an active filter; {@link #bind} supplies its parameters.
     */
    String groupSource(String userParam) {
        List<String> parts = new ArrayList<>();
        if (!groupIds.isEmpty()) {
            parts.add("select cast(fg as uuid) from unnest(string_to_array(:filterGroups, ',')) fg");
        }
        if (mine) {
            parts.add("select fm.group_id from group_member fm where fm.user_id = :" + userParam + " and fm.valid_to is null");
        }
        return String.join(" union ", parts);
    }

    /** The condition on matters {@code m}: the current access list names a group of the filter ("" when inactive). */
    public String matterCondition(String userParam) {
        if (!active()) {
            return "";
        }
        // An array built once (an InitPlan): PostgreSQL then fetches just those matters by primary key. As an IN
        // subquery it hashed all of the firm's matters instead (EXPLAIN in AccessBenchmark, 20,000 matters).
        return "and m.id = any(array(select fe.matter_id from matter_access_entry fe where fe.kind = 'group'"
                + " and fe.valid_to is null and fe.principal_id in (" + groupSource(userParam) + ")))";
    }

    /** The condition on activity descriptions {@code a}: restricted to a group of the filter ("" when inactive). */
    public String descriptionCondition(String userParam) {
        if (!active()) {
            return "";
        }
        return "and a.id in (select fd.activity_description_id from activity_description_group fd"
                + " where fd.group_id in (" + groupSource(userParam) + "))";
    }

    public void bind(Map<String, Object> params) {
        if (!groupIds.isEmpty()) {
            params.put("filterGroups", csv());
        }
    }

    String csv() {
        return groupIds.stream().map(UUID::toString).collect(Collectors.joining(","));
    }

    /**
     * A cursor continues only the list it was issued for: its position carries the filter's fingerprint, and a
     * cursor replayed with another filter (or none) is an invalid cursor. Returns the position without it.
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
