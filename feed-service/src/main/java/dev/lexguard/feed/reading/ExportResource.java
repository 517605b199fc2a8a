package dev.lexguard.feed.reading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.feed.FeedConfig;
import dev.lexguard.feed.reading.FeedQueries.Positioned;
import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import dev.lexguard.platform.web.problem.FieldError;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Audit exports of a time range, oldest first, with the feed's filters and the caller's visibility, streamed in
 * batches. The range is required, at most 366 days, and may hold at most {@code lexguard.feed.max-export-entries}.
 */
@Path("/api/v1/feed/export")
@Tag(name = "Feed")
@Authenticated
public class ExportResource {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";
    static final int BATCH = 1000;
    static final Duration MAX_RANGE = Duration.ofDays(366);
    static final String CSV_HEADER = "id,occurredAt,recordedAt,type,category,actorId,actorType,actorName,verb,objectType,objectId,"
            + "objectTitle,matterId,matterNumber,summary,redacted,ip,location,details\r\n";
    static final String CSV_EXAMPLE = "\"id,occurredAt,recordedAt,type,category,actorId,actorType,actorName,verb,objectType,objectId,"
            + "objectTitle,matterId,matterNumber,summary,redacted,ip,location,details\\r\\n0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f,"
            + "2026-11-29T19:44:15.961Z,2026-11-29T19:44:16.012345Z,dev.lexguard.permissions.matter.updated,matters,...\"";

    private final Caller caller;
    private final FeedQueries queries;
    private final Pool pool;
    private final FeedConfig config;
    private final ObjectMapper json;
    private final GroupFilters groupFilters;

    public ExportResource(Caller caller, FeedQueries queries, Pool pool, FeedConfig config, ObjectMapper json, GroupFilters groupFilters) {
        this.caller = caller;
        this.groupFilters = groupFilters;
        this.json = json;
        this.queries = queries;
        this.pool = pool;
        this.config = config;
    }

    @GET
    @Path("/ndjson")
    @Produces(NDJSON)
    @Operation(summary = "Export a time range as NDJSON", description = "One entry (as in the feed) per line, oldest first. "
            + "from and to are required; the range is at most 366 days and 100,000 entries (422 range-too-large). group (or the "
            + "caller's saved default) narrows it as on the firm feed.")
    @APIResponse(responseCode = "200", description = "The entries, one JSON document per line",
            content = @Content(mediaType = NDJSON, examples = @ExampleObject(name = "line", value = FeedResource.ENTRY)))
    @APIResponse(responseCode = "400", description = "A missing or bad range, filter or group entry (invalid-group-filter)",
            content = @Content(mediaType = FeedResource.PROBLEM,
                    examples = @ExampleObject(name = "malformed group", value = GroupFilterParams.INVALID_GROUP_FILTER)))
    @APIResponse(responseCode = "404", description = "group names a group the firm does not have (deleted, unknown or another firm's)",
            content = @Content(mediaType = FeedResource.PROBLEM,
                    examples = @ExampleObject(name = "unknown group", value = GroupFilterParams.UNKNOWN_GROUP)))
    @APIResponse(responseCode = "422", description = "More entries than one export may hold")
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<EntryResponse> ndjson(@BeanParam ExportFilterParams params, @BeanParam GroupFilterParams groups) {
        return export(params, groups, rows -> rows.map(Positioned::entry));
    }

    @GET
    @Path("/csv")
    @Produces(CSV)
    @Operation(summary = "Export a time range as CSV", description = "RFC 4180, a header row, oldest first; details as JSON "
            + "text. Cells that a spreadsheet would run as a formula are prefixed with an apostrophe. Same limits and group "
            + "filter as NDJSON.")
    @APIResponse(responseCode = "200", description = "The entries, one per row",
            content = @Content(mediaType = CSV, examples = @ExampleObject(name = "rows", value = CSV_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A missing or bad range, filter or group entry (invalid-group-filter)",
            content = @Content(mediaType = FeedResource.PROBLEM,
                    examples = @ExampleObject(name = "malformed group", value = GroupFilterParams.INVALID_GROUP_FILTER)))
    @APIResponse(responseCode = "404", description = "group names a group the firm does not have (deleted, unknown or another firm's)",
            content = @Content(mediaType = FeedResource.PROBLEM,
                    examples = @ExampleObject(name = "unknown group", value = GroupFilterParams.UNKNOWN_GROUP)))
    @APIResponse(responseCode = "422", description = "More entries than one export may hold")
    public Multi<String> csv(@BeanParam ExportFilterParams params, @BeanParam GroupFilterParams groups) {
        // The header goes out only once the range is accepted, so a refused range is still a problem+json answer.
        return export(params, groups, rows -> Multi.createBy().concatenating().streams(Multi.createFrom().item(CSV_HEADER), rows.map(this::csvRow)));
    }

    private <T> Multi<T> export(ExportFilterParams params, GroupFilterParams groups, Function<Multi<Positioned>, Multi<T>> shape) {
        caller.requireUser();
        FeedFilter parsed = params.filter();
        List<FieldError> errors = new ArrayList<>();
        if (parsed.from() == null) {
            errors.add(new FieldError("from", "is required for an export"));
        }
        if (parsed.to() == null) {
            errors.add(new FieldError("to", "is required for an export"));
        }
        if (errors.isEmpty() && Duration.between(parsed.from(), parsed.to()).compareTo(MAX_RANGE) > 0) {
            errors.add(new FieldError("to", "must be at most 366 days after from"));
        }
        if (!errors.isEmpty()) {
            throw new BadRequestProblem("invalid-range", "An export needs a time range of at most 366 days", errors);
        }
        UUID firmId = caller.firmId();
        UUID userId = caller.actorId();
        int max = config.maxExportEntries();
        return groupFilters.effective(firmId, userId, groups.entries())
                .onItem().transformToMulti(groupFilter -> entries(firmId, userId, parsed.withGroups(groupFilter), max, shape));
    }

    private <T> Multi<T> entries(UUID firmId, UUID userId, FeedFilter filter, int max, Function<Multi<Positioned>, Multi<T>> shape) {
        return pool.preparedQuery("select count(*) from (select 1 from feed_entry where firm_id = $1 and occurred_at >= $2"
                        + " and occurred_at < $3 limit " + FeedQueries.literalLimit(max + 1) + ") x")
                .execute(Tuple.of(firmId, FeedQueries.offset(filter.from()), FeedQueries.offset(filter.to())))
                .chain(rows -> {
                    if (rows.iterator().next().getLong(0) > max) {
                        return Uni.createFrom().failure(new BusinessRuleProblem("range-too-large",
                                "The range holds more than " + max + " entries; export it in shorter ranges"));
                    }
                    return queries.reader(firmId, userId);
                })
                .onItem().transformToMulti(reader -> {
                    AtomicReference<Positioned> last = new AtomicReference<>();
                    return shape.apply(Multi.createBy().repeating()
                            .uni(() -> {
                                Positioned after = last.get();
                                Instant t = after == null ? null : after.entry().occurredAt();
                                Long s = after == null ? null : after.seq();
                                return queries.ascending(reader, filter, t, s, BATCH).invoke(batch -> {
                                    if (!batch.isEmpty()) {
                                        last.set(batch.get(batch.size() - 1));
                                    }
                                });
                            })
                            .whilst(batch -> batch.size() == BATCH)
                            .onItem().transformToIterable(List::copyOf));
                });
    }

    private String csvRow(Positioned row) {
        EntryResponse e = row.entry();
        String details;
        try {
            details = e.details() == null ? null : json.writeValueAsString(e.details());
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("details always serialise", ex);
        }
        List<String> cells = List.of(e.id().toString(), e.occurredAt().toString(), e.recordedAt().toString(), e.type(), e.category(),
                e.actor().id(), e.actor().type(), nullable(e.actor().displayName()), e.verb(), e.object().type(), e.object().id(),
                nullable(e.object().title()), e.matter() == null ? "" : e.matter().id().toString(),
                e.matter() == null ? "" : nullable(e.matter().displayNumber()), e.summary(), Boolean.toString(e.redacted()),
                nullable(e.ip()), nullable(e.location()), nullable(details));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        return out.append("\r\n").toString();
    }

    public static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || !v.equals(value)) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static String nullable(String value) {
        return value == null ? "" : value;
    }
}
