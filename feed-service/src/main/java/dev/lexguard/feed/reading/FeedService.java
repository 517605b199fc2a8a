package dev.lexguard.feed.reading;

import dev.lexguard.feed.reading.FeedQueries.Positioned;
import dev.lexguard.platform.web.paging.CursorCodec;
import dev.lexguard.platform.web.paging.Page;
import dev.lexguard.platform.web.paging.PageRequest;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The feed views: firm, matter, object history and actor, newest first with keyset cursors. The firm and matter feeds
 * take a group filter ({@code group} entries, else the reader's saved default); a cursor continues only the group
 * filter it was issued for.
 */
@ApplicationScoped
public class FeedService {

    private final FeedQueries queries;
    private final CursorCodec cursors;
    private final GroupFilters groupFilters;

    public FeedService(FeedQueries queries, CursorCodec cursors, GroupFilters groupFilters) {
        this.queries = queries;
        this.cursors = cursors;
        this.groupFilters = groupFilters;
    }

    public Uni<Page<EntryResponse>> firmFeed(UUID firmId, UUID userId, FeedFilter filter, List<String> group, PageRequest page) {
        Optional<Map<String, String>> after = cursors.position(firmId, page);
        return groupFilters.effective(firmId, userId, group).chain(groups -> queries.reader(firmId, userId)
                .chain(reader -> page(reader, filter.withGroups(groups), after, page.limit())));
    }

    /** One matter's entries; a matter the reader cannot see now (or another firm's) is a 404. */
    public Uni<Page<EntryResponse>> matterFeed(UUID firmId, UUID userId, UUID matterId, FeedFilter filter, List<String> group,
            PageRequest page) {
        Optional<Map<String, String>> after = cursors.position(firmId, page);
        return groupFilters.effective(firmId, userId, group).chain(groups -> queries.reader(firmId, userId)
                .chain(reader -> queries.maySeeMatter(reader, matterId).chain(visible -> {
                    if (!visible) {
                        return Uni.createFrom().failure(new NotFoundProblem("No such matter, or you cannot see it"));
                    }
                    return page(reader, filter.withMatter(matterId).withGroups(groups), after, page.limit());
                })));
    }

    /** Every visible entry about one object; an object with no visible entry is a 404. */
    public Uni<Page<EntryResponse>> objectHistory(UUID firmId, UUID userId, String objectType, String objectId, FeedFilter filter,
            PageRequest page) {
        Optional<Map<String, String>> after = cursors.position(firmId, page);
        return queries.reader(firmId, userId).chain(reader -> page(reader, filter.withObject(objectType, objectId), after, page.limit()))
                .invoke(result -> {
                    if (after.isEmpty() && result.items().isEmpty()) {
                        throw new NotFoundProblem("No entries about this object that you can see");
                    }
                });
    }

    /** What one user of the firm did; another firm's user (or an unknown id) is a 404. */
    public Uni<Page<EntryResponse>> actorFeed(UUID firmId, UUID userId, UUID actorId, FeedFilter filter, PageRequest page) {
        Optional<Map<String, String>> after = cursors.position(firmId, page);
        return queries.userExists(firmId, actorId).chain(exists -> {
            if (!exists) {
                return Uni.createFrom().failure(new NotFoundProblem("No such user in this firm"));
            }
            return queries.reader(firmId, userId).chain(reader -> page(reader, filter.withActor(actorId.toString()), after, page.limit()));
        });
    }

    private Uni<Page<EntryResponse>> page(Reader reader, FeedFilter filter, Optional<Map<String, String>> position, int limit) {
        Optional<Map<String, String>> after = filter.groups().continuing(position);
        Instant afterTime = null;
        Long afterSeq = null;
        if (after.isPresent()) {
            try {
                afterTime = Instant.EPOCH.plus(Long.parseLong(after.get().get("t")), ChronoUnit.MICROS);
                afterSeq = Long.parseLong(after.get().get("s"));
            } catch (RuntimeException e) {
                throw BadRequestProblem.invalidCursor();
            }
        }
        return queries.page(reader, filter, afterTime, afterSeq, limit + 1).map(rows -> {
            Page<Positioned> positioned = cursors.page(reader.firmId(), rows, limit, row -> filter.groups().position(position(row)));
            List<EntryResponse> items = positioned.items().stream().map(Positioned::entry).toList();
            return new Page<>(items, positioned.nextCursor());
        });
    }

    static Map<String, String> position(Positioned row) {
        Instant t = row.entry().occurredAt();
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, t);
        return Map.of("t", Long.toString(micros), "s", Long.toString(row.seq()));
    }
}
