package dev.lexguard.feed.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.feed.chain.ChainService;
import dev.lexguard.feed.chain.FeedActs;
import dev.lexguard.feed.ingest.EntryFactory;
import dev.lexguard.feed.reading.FeedQueries;
import dev.lexguard.feed.reading.Reader;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.outbox.EventDraft;
import dev.lexguard.platform.web.paging.Page;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.ConflictProblem;
import dev.lexguard.platform.web.problem.FieldError;
import dev.lexguard.platform.web.problem.ForbiddenProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Feed reviews (issue 19): a regular check of the firm feed, like share reviews. A review covers the firm's chain
 * from the last review's own entry (or the retention anchor) to the head, shows its reviewer a digest of what they may
 * see there (the feed's own visibility rule, {@link FeedQueries#overVisible}), and is recorded as evidence, as an
 * event and as an entry of the feed, in one transaction. Reviewers are the firm's named reviewers, or its
 * administrators when it names none; administrators may always read.
 */
@ApplicationScoped
public class ReviewService {

    public static final int DEFAULT_INTERVAL_DAYS = 7;
    static final int MAX_INTERVAL_DAYS = 90;
    static final int MAX_REVIEWERS = 50;
    /** The digest's sections: the event types each counts (exports: any entry whose verb is an export). */
    static final Map<String, List<String>> SECTIONS = sections();

    private static final String SETTING = "select interval_days, reviewers, updated_at, updated_by from feed_review_setting where firm_id = $1";
    private static final String UPSERT_SETTING = """
            insert into feed_review_setting (firm_id, interval_days, reviewers, updated_at, updated_by) values ($1, $2, $3, $4, $5)
            on conflict (firm_id) do update set interval_days = excluded.interval_days, reviewers = excluded.reviewers,
              updated_at = excluded.updated_at, updated_by = excluded.updated_by""";
    private static final String ACTIVE_USERS = "select id from feed_user where firm_id = $1 and id = any($2) and status <> 'deactivated'";
    private static final String CHAIN = """
            select c.last_seq, c.last_hash, c.anchor_seq,
              (select e.recorded_at from feed_entry e where e.firm_id = c.firm_id order by e.seq limit 1)
            from feed_chain c where c.firm_id = $1""";
    private static final String LAST_REVIEW = """
            select id, completed_at, reviewed_by, entry_seq from feed_review where firm_id = $1
            order by completed_at desc, id desc limit 1""";
    private static final String REVIEW_COLUMNS = """
            select id, period_start, completed_at, from_seq, head_seq, head_hash, entry_id, reviewed_by, note, digest, flagged
            from feed_review where firm_id = $1""";
    private static final String INSERT_REVIEW = """
            insert into feed_review (id, firm_id, period_start, from_seq, head_seq, head_hash, entry_seq, entry_id, note, digest,
              flagged, reviewed_by, completed_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""";
    private static final String VISIBLE_IDS = "select v.id from VISIBLE where v.id = any(?1)";
    private static final String BY_CATEGORY = "select v.category, count(*) from VISIBLE group by v.category";
    private static final String FLAGGED = """
            select v.id, v.seq, v.event_type, v.category, v.occurred_at, v.summary from VISIBLE where v.id = any(?1)""";

    private final Pool pool;
    private final FeedQueries queries;
    private final ChainService chains;
    private final FeedActs acts;
    private final ReviewConfig config;
    private final ObjectMapper json;
    private final String bySection;

    public ReviewService(Pool pool, FeedQueries queries, ChainService chains, FeedActs acts, ReviewConfig config, ObjectMapper json) {
        this.pool = pool;
        this.queries = queries;
        this.chains = chains;
        this.acts = acts;
        this.config = config;
        this.json = json;
        this.bySection = bySection(config.entriesPerSection());
    }

    /** The settings; administrators and reviewers may read them. */
    public Uni<ReviewSettingsResponse> settings(UUID firmId, UUID userId) {
        return access(firmId, userId).invoke(Access::requireReviewer).map(access -> access.setting().response());
    }

    /** Replaces the settings: administrators only; every reviewer must be a user of the firm that is not deactivated. */
    public Uni<ReviewSettingsResponse> updateSettings(UUID firmId, UUID userId, ReviewSettingsRequest request) {
        int days = intervalDays(request.interval());
        List<UUID> reviewers = request.reviewers() == null ? List.of() : request.reviewers();
        List<FieldError> errors = new ArrayList<>();
        if (reviewers.size() > MAX_REVIEWERS) {
            throw new BadRequestProblem("validation-failed", "The request has invalid fields",
                    List.of(new FieldError("reviewers", "at most " + MAX_REVIEWERS + " reviewers")));
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < reviewers.size(); i++) {
            if (reviewers.get(i) == null) {
                errors.add(new FieldError("reviewers[" + i + "]", "must be a user id"));
            } else if (!seen.add(reviewers.get(i))) {
                errors.add(new FieldError("reviewers[" + i + "]", "appears more than once"));
            }
        }
        if (!errors.isEmpty()) {
            throw new BadRequestProblem("validation-failed", "The request has invalid fields", errors);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID[] ids = reviewers.toArray(new UUID[0]);
        return chains.requireAdministrator(firmId, userId)
                .chain(() -> pool.preparedQuery(ACTIVE_USERS).execute(Tuple.of(firmId, ids)))
                .chain(rows -> {
                    Set<UUID> active = new HashSet<>();
                    rows.forEach(row -> active.add(row.getUUID(0)));
                    for (int i = 0; i < reviewers.size(); i++) {
                        if (!active.contains(reviewers.get(i))) {
                            errors.add(new FieldError("reviewers[" + i + "]", reviewers.get(i) + " is not an active user of this firm"));
                        }
                    }
                    if (!errors.isEmpty()) {
                        throw new BadRequestProblem("validation-failed", "The request has invalid fields", errors);
                    }
                    return pool.preparedQuery(UPSERT_SETTING).execute(Tuple.of(firmId, days, ids, offset(now), userId));
                })
                .replaceWith(new Setting(days, List.copyOf(reviewers), now, userId).response());
    }

    /** An ISO-8601 period of whole days or weeks from P1D to P90D (400 {@code validation-failed} otherwise). */
    static int intervalDays(String interval) {
        FieldError error = new FieldError("interval", "must be an ISO-8601 period of days or weeks from P1D to P90D, e.g. P7D or P2W");
        if (interval == null || interval.isBlank()) {
            throw new BadRequestProblem("validation-failed", "The request has invalid fields", List.of(error));
        }
        try {
            Period period = Period.parse(interval.strip());
            if (period.getYears() == 0 && period.getMonths() == 0 && period.getDays() >= 1 && period.getDays() <= MAX_INTERVAL_DAYS) {
                return period.getDays();
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new BadRequestProblem("validation-failed", "The request has invalid fields", List.of(error));
    }

    /** Whether the review is due, its period and the digest of what the caller may see in it. */
    public Uni<ReviewDueResponse> due(UUID firmId, UUID userId) {
        return access(firmId, userId).invoke(Access::requireReviewer).chain(access -> state(pool, firmId, false).chain(state -> {
            String interval = Period.ofDays(access.setting().days()).toString();
            if (state.headSeq() == null) {
                return Uni.createFrom().item(new ReviewDueResponse(false, false, null, null, interval, null, state.last(), empty()));
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Instant dueAt = state.periodStart().plus(Duration.ofDays(access.setting().days()));
            Instant overdueAt = dueAt.plus(config.overdueAfter());
            return digest(access.reader(), state.afterSeq(), state.headSeq()).map(digest -> new ReviewDueResponse(!now.isBefore(dueAt),
                    !now.isBefore(overdueAt), dueAt, overdueAt, interval,
                    new ReviewDueResponse.ReviewPeriod(state.periodStart(), now, state.afterSeq(), state.headSeq()), state.last(), digest));
        }));
    }

    /**
     * Records a review of the period up to the chain head: the head's position and hash, the digest the reviewer saw and
     * the entries they flagged (each must be an entry of the period they may see: 400 naming the others). When nothing
     * was recorded since the last review, a review is only taken once it is due (409 {@code nothing-to-review} before):
     * a quiet period still deserves its evidence, a double submission does not. The review is the event
     * dev.lexguard.feed.review.completed and an entry of the firm's feed, in the transaction that stores it.
     */
    public Uni<ReviewResponse> complete(UUID firmId, UUID userId, ReviewRequest request) {
        List<UUID> flagged = request.flaggedEntryIds() == null ? List.of() : request.flaggedEntryIds();
        List<FieldError> errors = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < flagged.size(); i++) {
            if (flagged.get(i) == null) {
                errors.add(new FieldError("flaggedEntryIds[" + i + "]", "must be an entry id"));
            } else if (!seen.add(flagged.get(i))) {
                errors.add(new FieldError("flaggedEntryIds[" + i + "]", "appears more than once"));
            }
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(new BadRequestProblem("validation-failed", "The request has invalid fields", errors));
        }
        String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        return access(firmId, userId).invoke(Access::requireReviewer).chain(access -> pool.withTransaction(connection ->
                state(connection, firmId, true).chain(state -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    if (state.headSeq() == null) {
                        throw new ConflictProblem("nothing-to-review", "The firm's feed has no entries yet: there is nothing to review");
                    }
                    Instant dueAt = state.periodStart().plus(Duration.ofDays(access.setting().days()));
                    if (state.headSeq() <= state.afterSeq() && now.isBefore(dueAt)) {
                        throw new ConflictProblem("nothing-to-review", "Nothing was recorded in the feed since the last review ("
                                + state.last().id() + "); the next review is due at " + dueAt);
                    }
                    Uni<Map<UUID, FlaggedEntry>> found = flagged.isEmpty() ? Uni.createFrom().item(Map.of())
                            : queries.overVisible(access.reader(), state.afterSeq(), state.headSeq(), FLAGGED, (Object) flagged.toArray(new UUID[0]))
                                    .map(rows -> {
                                        Map<UUID, FlaggedEntry> byId = new HashMap<>();
                                        for (Row row : rows) {
                                            UUID id = row.getUUID(0);
                                            byId.put(id, new FlaggedEntry(id, row.getLong(1), row.getString(2), row.getString(3),
                                                    row.getOffsetDateTime(4).toInstant(), row.getString(5), Digest.EntryLink.of(id).href()));
                                        }
                                        return byId;
                                    });
                    return found.chain(byId -> {
                        for (int i = 0; i < flagged.size(); i++) {
                            if (!byId.containsKey(flagged.get(i))) {
                                errors.add(new FieldError("flaggedEntryIds[" + i + "]", flagged.get(i)
                                        + " is not an entry of this firm's feed in the review's period that you can see"));
                            }
                        }
                        if (!errors.isEmpty()) {
                            throw new BadRequestProblem("unknown-entries", "Some flagged entries are not in the review's period", errors);
                        }
                        List<FlaggedEntry> flaggedEntries = flagged.stream().map(byId::get).toList();
                        return digest(access.reader(), state.afterSeq(), state.headSeq())
                                .chain(digest -> record(connection, firmId, userId, state, now, note, digest, flaggedEntries));
                    });
                })));
    }

    private Uni<ReviewResponse> record(SqlConnection connection, UUID firmId, UUID userId, State state, Instant now, String note,
            Digest digest, List<FlaggedEntry> flagged) {
        UUID id = UUID.randomUUID();
        String hash = HexFormat.of().formatHex(state.headHash());
        ReviewCompleted data = new ReviewCompleted(id, state.periodStart(), now, state.afterSeq(), state.headSeq(), digest.entries(), flagged.size());
        return acts.record(connection, EventDraft.of(ReviewEvents.COMPLETED, id.toString(), firmId,
                        userId.toString(), ActorType.USER, data))
                .chain(event -> connection.preparedQuery(INSERT_REVIEW).execute(Tuple.from(new Object[] {id, firmId,
                        offset(state.periodStart()), state.afterSeq(), state.headSeq(), Buffer.buffer(state.headHash()),
                        state.headSeq() + 1, event.id(), note, write(digest), write(flagged), userId, offset(now)}))
                        .replaceWith(new ReviewResponse(id, state.periodStart(), now, state.afterSeq(),
                                new ReviewResponse.ChainHead(state.headSeq(), hash), event.id(), userId, note, flagged.size(), digest,
                                flagged)));
    }

    /** The firm's reviews, newest first (without digests); administrators and reviewers. */
    public Uni<List<ReviewResponse>> history(UUID firmId, UUID userId, Instant afterTime, UUID afterId, int rows) {
        StringBuilder sql = new StringBuilder(REVIEW_COLUMNS);
        List<Object> params = new ArrayList<>(List.of(firmId));
        if (afterTime != null) {
            sql.append(" and (completed_at, id) < ($2, $3)");
            params.add(offset(afterTime));
            params.add(afterId);
        }
        sql.append(" order by completed_at desc, id desc limit ").append(FeedQueries.literalLimit(rows));
        return access(firmId, userId).invoke(Access::requireReviewer)
                .chain(() -> pool.preparedQuery(sql.toString()).execute(Tuple.from(params)))
                .map(result -> {
                    List<ReviewResponse> list = new ArrayList<>();
                    result.forEach(row -> list.add(review(row).summary()));
                    return list;
                });
    }

    /**
     * One review with its digest and flagged entries. Another firm's (or an unknown) id is a 404. A digest shows what
     * its reviewer could see: administrators read every review, a reviewer who is not one reads their own.
     */
    public Uni<ReviewResponse> find(UUID firmId, UUID userId, UUID reviewId) {
        return access(firmId, userId).invoke(Access::requireReviewer).chain(access ->
                pool.preparedQuery(REVIEW_COLUMNS + " and id = $2").execute(Tuple.of(firmId, reviewId)).map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundProblem("No such review");
                    }
                    ReviewResponse review = review(rows.iterator().next());
                    if (!access.administrator() && !review.reviewedBy().equals(userId)) {
                        throw ForbiddenProblem.missingPermission("administrator");
                    }
                    return review;
                }).chain(review -> forReader(access.reader(), review)));
    }

    /**
     * The review's entry ids and flagged entries narrowed to what the reader may see now (an administrator blocked from
     * a matter reads another's review without that matter's entries); the counts stay the reviewer's.
     */
    private Uni<ReviewResponse> forReader(Reader reader, ReviewResponse review) {
        Digest.Sections s = review.digest().sections();
        List<Digest.Section> sections = List.of(s.unusualSignIns(), s.permissionChanges(), s.accessListChanges(), s.newShares(),
                s.extendedShares(), s.twoFactorChanges(), s.exports());
        Set<UUID> ids = new HashSet<>();
        sections.forEach(section -> section.entries().forEach(link -> ids.add(link.id())));
        review.flagged().forEach(entry -> ids.add(entry.id()));
        if (ids.isEmpty()) {
            return Uni.createFrom().item(review);
        }
        return queries.overVisible(reader, review.afterSeq(), review.head().seq(), VISIBLE_IDS, (Object) ids.toArray(new UUID[0]))
                .map(rows -> {
                    Set<UUID> visible = new HashSet<>();
                    rows.forEach(row -> visible.add(row.getUUID(0)));
                    Digest digest = new Digest(review.digest().entries(), review.digest().byCategory(), new Digest.Sections(
                            only(s.unusualSignIns(), visible), only(s.permissionChanges(), visible), only(s.accessListChanges(), visible),
                            only(s.newShares(), visible), only(s.extendedShares(), visible), only(s.twoFactorChanges(), visible),
                            only(s.exports(), visible)));
                    List<FlaggedEntry> flagged = review.flagged().stream().filter(entry -> visible.contains(entry.id())).toList();
                    return new ReviewResponse(review.id(), review.periodStart(), review.completedAt(), review.afterSeq(), review.head(),
                            review.entryId(), review.reviewedBy(), review.note(), review.flaggedCount(), digest, flagged);
                });
    }

    private static Digest.Section only(Digest.Section section, Set<UUID> visible) {
        return new Digest.Section(section.count(), section.entries().stream().filter(link -> visible.contains(link.id())).toList());
    }

    public Uni<ReviewEvidence> evidence(UUID firmId, UUID userId, UUID reviewId) {
        return find(firmId, userId, reviewId)
                .map(review -> new ReviewEvidence(firmId, review, Instant.now().truncatedTo(ChronoUnit.MICROS), userId));
    }

    private ReviewResponse review(Row row) {
        Digest digest = read(row.getString(9), Digest.class);
        List<FlaggedEntry> flagged = Arrays.asList(read(row.getString(10), FlaggedEntry[].class));
        return new ReviewResponse(row.getUUID(0), row.getOffsetDateTime(1).toInstant(), row.getOffsetDateTime(2).toInstant(),
                row.getLong(3), new ReviewResponse.ChainHead(row.getLong(4), HexFormat.of().formatHex(row.getBuffer(5).getBytes())),
                row.getUUID(6), row.getUUID(7), row.getString(8), flagged.size(), digest, flagged);
    }

    Uni<Digest> digest(Reader reader, long afterSeq, long headSeq) {
        if (headSeq <= afterSeq) {
            return Uni.createFrom().item(empty());
        }
        return queries.overVisible(reader, afterSeq, headSeq, BY_CATEGORY).chain(categories -> queries.overVisible(reader, afterSeq,
                headSeq, bySection).map(sections -> {
                    Map<String, Long> byCategory = zeroes();
                    long total = 0;
                    for (Row row : categories) {
                        byCategory.put(row.getString(0), row.getLong(1));
                        total += row.getLong(1);
                    }
                    Map<String, Digest.Section> bySection = new HashMap<>();
                    for (Row row : sections) {
                        List<Digest.EntryLink> links = Arrays.stream(row.getArrayOfUUIDs(2)).map(Digest.EntryLink::of).toList();
                        bySection.put(row.getString(0), new Digest.Section(row.getLong(1), links));
                    }
                    return new Digest(total, byCategory, sections(bySection));
                }));
    }

    static Digest empty() {
        return new Digest(0, zeroes(), sections(Map.of()));
    }

    private static Map<String, Long> zeroes() {
        Map<String, Long> counts = new TreeMap<>();
        EntryFactory.CATEGORIES.forEach(category -> counts.put(category, 0L));
        return counts;
    }

    private static Digest.Sections sections(Map<String, Digest.Section> found) {
        Digest.Section none = new Digest.Section(0, List.of());
        return new Digest.Sections(found.getOrDefault("unusualSignIns", none), found.getOrDefault("permissionChanges", none),
                found.getOrDefault("accessListChanges", none), found.getOrDefault("newShares", none),
                found.getOrDefault("extendedShares", none), found.getOrDefault("twoFactorChanges", none),
                found.getOrDefault("exports", none));
    }

    private static Map<String, List<String>> sections() {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        sections.put("unusualSignIns", List.of("dev.lexguard.sessions.signin.unusual"));
        sections.put("permissionChanges", List.of("dev.lexguard.permissions.accountpermissions.changed",
                "dev.lexguard.permissions.ownership.transferred", "dev.lexguard.permissions.role.created",
                "dev.lexguard.permissions.role.updated", "dev.lexguard.permissions.role.deleted", "dev.lexguard.permissions.group.created",
                "dev.lexguard.permissions.group.updated", "dev.lexguard.permissions.group.deleted",
                "dev.lexguard.permissions.groupmember.added", "dev.lexguard.permissions.groupmember.removed"));
        sections.put("accessListChanges", List.of("dev.lexguard.permissions.matteraccess.changed"));
        sections.put("newShares", List.of("dev.lexguard.sharing.share.created"));
        sections.put("extendedShares", List.of("dev.lexguard.sharing.share.extended"));
        sections.put("twoFactorChanges", List.of("dev.lexguard.identity.twofactor.enabled", "dev.lexguard.identity.twofactor.disabled",
                "dev.lexguard.identity.twofactor.policyChanged", "dev.lexguard.identity.twofactor.recoveryRegenerated",
                "dev.lexguard.identity.twofactor.recoveryUsed", "dev.lexguard.identity.portal.twoFactorEnabled",
                "dev.lexguard.identity.portal.twoFactorDisabled", "dev.lexguard.identity.keycloak.secondFactorTrustChanged"));
        return sections;
    }

    /** Counts and newest ids per section; the types are constants of this class, never caller text. */
    private static String bySection(int idsPerSection) {
        StringBuilder section = new StringBuilder("case");
        SECTIONS.forEach((name, types) -> section.append(" when v.event_type in (")
                .append(types.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "))).append(") then '").append(name).append("'"));
        section.append(" when v.verb like 'export%' then 'exports' end");
        return "select s.section, count(*), (array_agg(s.id order by s.seq desc))[1:" + FeedQueries.literalLimit(idsPerSection) + "]"
                + " from (select v.id, v.seq, " + section + " as section from VISIBLE) s where s.section is not null group by s.section";
    }

    /**
     * The chain and the last review: where the period starts (after the last review's entry, or the anchor). A review
     * being recorded locks the head, so the feed appends nothing between its digest and its own entry.
     */
    private Uni<State> state(SqlClient client, UUID firmId, boolean lock) {
        return client.preparedQuery(CHAIN + (lock ? " for update of c" : "")).execute(Tuple.of(firmId))
                .chain(chain -> client.preparedQuery(LAST_REVIEW).execute(Tuple.of(firmId)).map(last -> {
                    ReviewDueResponse.LastReview lastReview = null;
                    Long lastEntry = null;
                    if (last.size() > 0) {
                        Row row = last.iterator().next();
                        lastReview = new ReviewDueResponse.LastReview(row.getUUID(0), row.getOffsetDateTime(1).toInstant(), row.getUUID(2));
                        lastEntry = row.getLong(3);
                    }
                    if (chain.size() == 0) {
                        return new State(null, null, 0, null, lastReview);
                    }
                    Row row = chain.iterator().next();
                    OffsetDateTime first = row.getOffsetDateTime(3);
                    Instant start = lastReview != null ? lastReview.completedAt() : first == null ? Instant.now() : first.toInstant();
                    long after = lastEntry != null ? Math.max(lastEntry, row.getLong(2)) : row.getLong(2);
                    return new State(row.getLong(0), row.getBuffer(1).getBytes(), after, start.truncatedTo(ChronoUnit.MICROS), lastReview);
                }));
    }

    private Uni<Access> access(UUID firmId, UUID userId) {
        return queries.reader(firmId, userId).chain(reader -> pool.preparedQuery(SETTING).execute(Tuple.of(firmId)).map(rows -> {
            Setting setting = rows.size() == 0 ? null : setting(rows.iterator().next());
            Setting effective = setting == null ? new Setting(DEFAULT_INTERVAL_DAYS, List.of(), null, null) : setting;
            boolean administrator = reader.active() && reader.administrator();
            boolean reviewer = reader.active() && (effective.reviewers().isEmpty() ? reader.administrator()
                    : effective.reviewers().contains(userId));
            return new Access(reader, administrator, reviewer, effective);
        }));
    }

    private static Setting setting(Row row) {
        return new Setting(row.getInteger(0), List.of(row.getArrayOfUUIDs(1)), row.getOffsetDateTime(2).toInstant(), row.getUUID(3));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a review's JSON", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored review", e);
        }
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** The caller as reviews see them: administrators always, reviewers as the settings say. */
    private record Access(Reader reader, boolean administrator, boolean reviewer, Setting setting) {

        void requireReviewer() {
            if (!administrator && !reviewer) {
                throw ForbiddenProblem.missingPermission("feed reviewer");
            }
        }
    }

    /** A firm's settings (or the default: weekly, administrators). */
    private record Setting(int days, List<UUID> reviewers, Instant updatedAt, UUID updatedBy) {

        ReviewSettingsResponse response() {
            return new ReviewSettingsResponse(Period.ofDays(days).toString(), reviewers, reviewers.isEmpty(), updatedAt == null,
                    updatedAt, updatedBy);
        }
    }

    /** The chain head (null for an empty feed) and the position after which the period's entries start. */
    private record State(Long headSeq, byte[] headHash, long afterSeq, Instant periodStart, ReviewDueResponse.LastReview last) {
    }

    /**
     * Data of {@code dev.lexguard.feed.review.completed}. Without the head's hash: events carry no property named like a
     * secret (platform/events' rule), and the hash is in the review and its evidence. Without the flagged entries' ids
     * and the note: the event goes to every administrator's feed and to integrators, and a flagged entry may be about a
     * matter walled against some of them (the review itself shows each reader only what they may see); a count only.
     */
    public record ReviewCompleted(UUID reviewId, Instant periodStart, Instant completedAt, long afterSeq, long headSeq, long entries,
            int flaggedCount) {
    }
}
