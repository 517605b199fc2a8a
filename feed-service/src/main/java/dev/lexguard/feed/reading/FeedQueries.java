package dev.lexguard.feed.reading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The feed's reads, as SQL on the reactive PostgreSQL client (no entity is involved, and the live stream runs
 * outside any request). Visibility is part of every statement:
 * <ul>
 * <li>entries about no matter are visible to every active user of the firm, except security and permission
 * entries ({@code admin_only}), which are for administrators;</li>
 * <li>an entry about a matter is visible unless the matter is in the reader's <em>hidden set</em>: matters not
 * registered yet, matters the reader is blocked from (a block beats administrator), and, for anyone but an
 * administrator, restricted matters on whose list the reader is neither named nor present through a group. The
 * set is computed inside the statement from the projection as it is now, so losing access hides old entries and
 * gaining it reveals them; PostgreSQL probes it as a hashed subplan while walking the keyset index.</li>
 * </ul>
 * A group filter (issue 19) is one more condition on top: it only ever takes entries away.
 */
@ApplicationScoped
public class FeedQueries {

    static final String COLUMNS = """
            select e.seq, e.id, e.occurred_at, e.recorded_at, e.event_type, e.category, e.actor_id, e.actor_type, e.verb,
              e.object_type, e.object_id, e.object_title, e.matter_id, m.display_number, e.summary, e.details, e.ip,
              e.location, REDACTED, u.display_name
            from feed_entry e left join feed_matter m on m.firm_id = e.firm_id and m.id = e.matter_id
            left join feed_user u on u.firm_id = e.firm_id and e.actor_type = 'user' and u.id = case
              when e.actor_id ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
              then cast(e.actor_id as uuid) end
            where e.firm_id = FIRM""";

    private final Pool pool;
    private final ObjectMapper json = new ObjectMapper();

    public FeedQueries(Pool pool) {
        this.pool = pool;
    }

    /** The reader's status and administrator flag from the projection. */
    public Uni<Reader> reader(UUID firmId, UUID userId) {
        return pool.preparedQuery("select status <> 'deactivated', administrator from feed_user where firm_id = $1 and id = $2")
                .execute(Tuple.of(firmId, userId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return new Reader(firmId, userId, false, false);
                    }
                    Row row = it.next();
                    return new Reader(firmId, userId, row.getBoolean(0), row.getBoolean(1));
                });
    }

    /** Whether the firm's projection knows the user (for the actor feed: another firm's user is a 404). */
    public Uni<Boolean> userExists(UUID firmId, UUID userId) {
        return pool.preparedQuery("select 1 from feed_user where firm_id = $1 and id = $2")
                .execute(Tuple.of(firmId, userId)).map(rows -> rows.size() > 0);
    }

    /** Whether the reader may see the matter now (registered, and not in the reader's hidden set). */
    public Uni<Boolean> maySeeMatter(Reader reader, UUID matterId) {
        if (!reader.active()) {
            return Uni.createFrom().item(false);
        }
        Sql sql = new Sql();
        String firm = sql.param(reader.firmId());
        String user = sql.param(reader.userId());
        String matter = sql.param(matterId);
        sql.append("select exists (select 1 from feed_matter where firm_id = " + firm + " and id = " + matter
                + " and registered) and " + matter + " not in (" + hidden(reader, firm, user) + ")");
        return pool.preparedQuery(sql.text()).execute(sql.tuple()).map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** A page newest first, after the keyset position (occurred_at, seq), if any. */
    public Uni<List<Positioned>> page(Reader reader, FeedFilter filter, Instant afterTime, Long afterSeq, int rows) {
        Sql sql = select(reader, filter);
        if (afterTime != null) {
            sql.append(" and (e.occurred_at, e.seq) < (" + sql.param(offset(afterTime)) + ", " + sql.param(afterSeq) + ")");
        }
        sql.append(" order by e.occurred_at desc, e.seq desc limit " + literalLimit(rows));
        return run(sql);
    }

    /** Entries in time order (oldest first) from the keyset position, for exports. */
    public Uni<List<Positioned>> ascending(Reader reader, FeedFilter filter, Instant afterTime, Long afterSeq, int rows) {
        Sql sql = select(reader, filter);
        if (afterTime != null) {
            sql.append(" and (e.occurred_at, e.seq) > (" + sql.param(offset(afterTime)) + ", " + sql.param(afterSeq) + ")");
        }
        sql.append(" order by e.occurred_at, e.seq limit " + literalLimit(rows));
        return run(sql);
    }

    /** Entries recorded after chain position {@code seq}, in arrival order: what a live stream has not sent yet. */
    public Uni<List<Positioned>> arrivedAfter(Reader reader, FeedFilter filter, long seq, int rows) {
        Sql sql = select(reader, filter);
        sql.append(" and e.seq > " + sql.param(seq) + " order by e.seq limit " + literalLimit(rows));
        return run(sql);
    }

    /**
     * The row limit written into the statement rather than bound: plans are generic (plan_cache_mode in
     * application.properties), and a generic plan under an unknown limit assumes a large share of the feed and walks it
     * in parallel; with the limit in the text it walks the keyset index for a page. A count, never caller text.
     */
    public static String literalLimit(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be positive");
        }
        return Integer.toString(rows);
    }

    /** The firm's last chain position (0 for an empty feed). */
    public Uni<Long> head(UUID firmId) {
        return pool.preparedQuery("select last_seq from feed_chain where firm_id = $1").execute(Tuple.of(firmId))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
    }

    /** One entry by id, if the reader may see it now (null otherwise): where a feed review's digest links to. */
    public Uni<EntryResponse> entry(Reader reader, UUID entryId) {
        Sql sql = select(reader, FeedFilter.NONE);
        sql.append(" and e.id = " + sql.param(entryId));
        return run(sql).map(list -> list.isEmpty() ? null : list.get(0).entry());
    }

    /**
     * Runs {@code statement} over the entries the reader may see now at chain positions (afterSeq, uptoSeq], by the rule
     * of every page (so a feed review's digest counts exactly what its reviewer could page through). The statement is a
     * constant of the caller's: {@code VISIBLE} stands for that set as a derived table {@code v} with the columns of a
     * page (seq, id, occurred_at, event_type, category, verb, summary, ...), {@code ?1}, {@code ?2}... for {@code params}.
     */
    public Uni<RowSet<Row>> overVisible(Reader reader, long afterSeq, long uptoSeq, String statement, Object... params) {
        Sql inner = select(reader, FeedFilter.NONE);
        inner.append(" and e.seq > " + inner.param(afterSeq) + " and e.seq <= " + inner.param(uptoSeq));
        String text = statement;
        for (int i = params.length; i >= 1; i--) {
            text = text.replace("?" + i, inner.param(params[i - 1]));
        }
        text = text.replace("VISIBLE", "(" + inner.text() + ") v");
        return pool.preparedQuery(text).execute(inner.tuple());
    }

    private Sql select(Reader reader, FeedFilter filter) {
        Sql sql = new Sql();
        String firm = sql.param(reader.firmId());
        String user = sql.param(reader.userId());
        String redacted = redacted(reader, user);
        sql.append(COLUMNS.replace("FIRM", firm).replace("REDACTED", redacted));
        filter.apply(sql);
        filter.groups().apply(sql, firm, user, redacted);
        if (!reader.active()) {
            sql.append(" and e.matter_id is null and not e.admin_only");
            return sql;
        }
        if (!reader.administrator()) {
            sql.append(" and not e.admin_only");
        }
        sql.append(" and (e.matter_id is null or e.matter_id not in (" + hidden(reader, firm, user) + "))");
        return sql;
    }

    /** The matters the reader may not see now (see the class comment). */
    static String hidden(Reader reader, String firm, String user) {
        String blocked = "select b.matter_id from feed_matter_access b where b.firm_id = " + firm
                + " and b.principal_id = " + user + " and b.kind = 'block'";
        if (reader.administrator()) {
            return "select h.id from feed_matter h where h.firm_id = " + firm + " and not h.registered union all " + blocked;
        }
        return "select h.id from feed_matter h where h.firm_id = " + firm + " and (h.mode = 'restricted' or not h.registered)"
                + " and not (h.registered and h.mode = 'restricted' and h.id in ("
                + "select a.matter_id from feed_matter_access a where a.firm_id = " + firm + " and a.kind = 'user'"
                + " and a.principal_id = " + user
                + " union all select a.matter_id from feed_group_member g join feed_matter_access a on a.firm_id = g.firm_id"
                + " and a.kind = 'group' and a.principal_id = g.group_id where g.firm_id = " + firm + " and g.user_id = " + user
                + ")) union all " + blocked;
    }

    /** Whether the row's details must be withheld: an activity description restricted to groups the reader is not in. */
    static String redacted(Reader reader, String user) {
        if (reader.active() && reader.administrator()) {
            return "false";
        }
        return "(e.activity_description_id is not null and not exists (select 1 from feed_activity_description d"
                + " where d.firm_id = e.firm_id and d.id = e.activity_description_id and (d.visibility = 'everyone'"
                + " or exists (select 1 from feed_activity_description_group dg join feed_group_member g"
                + " on g.firm_id = dg.firm_id and g.group_id = dg.group_id and g.user_id = " + user
                + " where dg.firm_id = d.firm_id and dg.activity_description_id = d.id))))";
    }

    private Uni<List<Positioned>> run(Sql sql) {
        return pool.preparedQuery(sql.text()).execute(sql.tuple()).map(rows -> {
            List<Positioned> entries = new ArrayList<>(rows.size());
            for (Row row : rows) {
                entries.add(toEntry(row));
            }
            return entries;
        });
    }

    private Positioned toEntry(Row row) {
        boolean redacted = row.getBoolean(18);
        UUID matter = row.getUUID(12);
        String actorId = row.getString(6);
        String actorType = row.getString(7);
        String userName = row.getString(19);
        String name = "system".equals(actorType) ? "System" : userName == null || userName.isEmpty() ? null : userName;
        JsonNode details = redacted ? null : details(row.getString(15));
        EntryResponse entry = new EntryResponse(row.getUUID(1), instant(row.getOffsetDateTime(2)), instant(row.getOffsetDateTime(3)),
                row.getString(4), row.getString(5), new EntryResponse.Actor(actorId, actorType, name), row.getString(8),
                new EntryResponse.ObjectRef(row.getString(9), row.getString(10), redacted ? null : row.getString(11)),
                matter == null ? null : new EntryResponse.MatterRef(matter, row.getString(13)), row.getString(14),
                details, redacted, row.getString(16), row.getString(17), EntryResponse.changes(details));
        return new Positioned(row.getLong(0), entry);
    }

    private JsonNode details(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(text);
        }
    }

    static OffsetDateTime offset(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** An entry with its chain position (for cursors and stream ids). */
    public record Positioned(long seq, EntryResponse entry) {
    }
}
