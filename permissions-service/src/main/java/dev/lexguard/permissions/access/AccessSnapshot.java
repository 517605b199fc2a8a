package dev.lexguard.permissions.access;

import dev.lexguard.permissions.rules.AccessFacts;
import dev.lexguard.permissions.rules.GroupRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A firm's current access facts, in memory: what {@link AccessService#FACTS} reads for "now", loaded in a few
 * statements and answered without a database round trip. Immutable; {@link AccessSnapshotCache} replaces it
 * when a fact changes.
 *
 * @param activeUsers every user of the firm, mapped to whether they are active (not deactivated)
 * @param administrators users holding the administrator permission now
 * @param modes every matter of the firm, mapped to its access mode, or to the empty string while it has none
 * @param lists each matter's access list entries
 * @param memberships each user's groups
 * @param groups every group's id and name
 * @param mattersByGroup for each group, the matters whose access list names it (the lists read the other way)
 * @param loadedAt {@link System#nanoTime()} when loading began: facts committed before then are in it
 */
record AccessSnapshot(UUID firmId, Map<UUID, Boolean> activeUsers, Set<UUID> administrators, Map<UUID, String> modes,
        Map<UUID, MatterList> lists, Map<UUID, Set<UUID>> memberships, Map<UUID, GroupRef> groups, Map<UUID, Set<UUID>> mattersByGroup,
        long loadedAt) {

    static final String NO_MODE = "";
    /** PostgreSQL's {@code collate "C"} order (code points), then the id, as {@link AccessService#FACTS} orders them. */
    static final Comparator<GroupRef> BY_NAME = Comparator.comparing(GroupRef::name, AccessSnapshot::compareCodePoints)
            .thenComparing(g -> g.id().toString());
    private static final MatterList EMPTY = new MatterList(Set.of(), Set.of(), List.of());

    /** A matter's access list: blocked users, users granted directly, and groups. */
    record MatterList(Set<UUID> blocked, Set<UUID> users, List<UUID> groups) {
    }

    /** The same facts the SQL statement returns for this pair. */
    AccessFacts facts(UUID userId, UUID matterId) {
        Boolean active = activeUsers.get(userId);
        String mode = modes.get(matterId);
        MatterList list = lists.getOrDefault(matterId, EMPTY);
        Set<UUID> mine = memberships.getOrDefault(userId, Set.of());
        List<GroupRef> through = new ArrayList<>();
        for (UUID group : list.groups()) {
            if (mine.contains(group)) {
                through.add(groups.get(group));
            }
        }
        through.sort(BY_NAME);
        boolean known = active != null && mode != null;
        return new AccessFacts(active != null, mode != null, Boolean.TRUE.equals(active),
                mode == null || NO_MODE.equals(mode) ? null : mode,
                known && list.blocked().contains(userId), active != null && administrators.contains(userId),
                known && list.users().contains(userId), known ? List.copyOf(through) : List.of());
    }

    /** Whether the matter's current access list blocks the user. */
    boolean blocked(UUID userId, UUID matterId) {
        return lists.getOrDefault(matterId, EMPTY).blocked().contains(userId);
    }

    /** The matters whose current access list names at least one of these groups. */
    Set<UUID> mattersNaming(Collection<UUID> groupIds) {
        Set<UUID> named = new HashSet<>();
        for (UUID group : groupIds) {
            named.addAll(mattersByGroup.getOrDefault(group, Set.of()));
        }
        return named;
    }

    /** Whether the caller is an active administrator of this firm now. */
    boolean isAdministrator(UUID callerId) {
        return Boolean.TRUE.equals(activeUsers.get(callerId)) && administrators.contains(callerId);
    }

    private static int compareCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        return Arrays.compare(x, y);
    }

    /** A rough size, for the cache's memory bound. */
    int weight() {
        return activeUsers.size() + modes.size() + lists.values().stream()
                .mapToInt(l -> l.blocked().size() + l.users().size() + l.groups().size()).sum()
                + memberships.values().stream().mapToInt(Set::size).sum()
                + mattersByGroup.values().stream().mapToInt(Set::size).sum();
    }
}
