package dev.lexguard.feed.reading;

import dev.lexguard.feed.FeedConfig;
import dev.lexguard.feed.reading.FeedQueries.Positioned;
import dev.lexguard.feed.revocation.SessionRevocations;
import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/feed/stream")
@Tag(name = "Feed")
@Authenticated
public class FeedStreamResource {

    static final int BATCH = 500;
    /** Written as {@code ": keep-alive"} (the writer puts the comment right after the colon). */
    static final String HEARTBEAT = " keep-alive";
    static final Duration FILTER_WAIT = Duration.ofSeconds(10);

    private final Caller caller;
    private final FeedQueries queries;
    private final FeedNotifications notifications;
    private final FeedConfig config;
    private final JsonWebToken token;
    private final SessionRevocations revocations;
    private final GroupFilters groupFilters;

    public FeedStreamResource(Caller caller, FeedQueries queries, FeedNotifications notifications, FeedConfig config,
            JsonWebToken token, SessionRevocations revocations, GroupFilters groupFilters) {
        this.caller = caller;
        this.groupFilters = groupFilters;
        this.revocations = revocations;
        this.token = token;
        this.queries = queries;
        this.notifications = notifications;
        this.config = config;
    }

    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The live feed (server-sent events)", description = "New entries as they arrive, with the same filters "
            + "and visibility as the firm feed (re-evaluated for every batch, so access lost stops the flow at once). Each "
            + "event is named 'entry', its id is the entry's position in the firm's feed and its data the entry's JSON. "
            + "Reconnect with Last-Event-ID to receive what arrived in between; without it the stream starts with the next entry. "
            + "A comment line (': keep-alive') comes at least every 15 seconds (lexguard.feed.stream.heartbeat-interval) so that "
            + "proxies keep a quiet stream open. The stream ends within a second of the end of the session whose token opened it "
            + "(logout, revocation, 'sign out everywhere'), and at the latest when that token expires: reconnect with a fresh "
            + "token and Last-Event-ID. group (or the caller's saved default, settled when the stream opens) narrows it as on the "
            + "firm feed.")
    @APIResponse(responseCode = "200", description = "An endless stream of entries", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
            examples = {@ExampleObject(name = "event", value = "id: 42\nevent: entry\ndata: " + FeedResource.ENTRY + "\n\n"),
                @ExampleObject(name = "heartbeat", value = ": keep-alive\n\n")}))
    @APIResponse(responseCode = "400", description = "A bad filter, group entry (invalid-group-filter) or Last-Event-ID",
            content = @Content(mediaType = FeedResource.PROBLEM,
                    examples = @ExampleObject(name = "malformed group", value = GroupFilterParams.INVALID_GROUP_FILTER)))
    @APIResponse(responseCode = "403", description = "A portal contact (users-only)")
    @APIResponse(responseCode = "404", description = "group names a group the firm does not have (deleted, unknown or another firm's)",
            content = @Content(mediaType = FeedResource.PROBLEM,
                    examples = @ExampleObject(name = "unknown group", value = GroupFilterParams.UNKNOWN_GROUP)))
    public Multi<OutboundSseEvent> stream(@BeanParam FeedFilterParams params, @BeanParam GroupFilterParams groups,
            @Parameter(description = "the id of the last event received, to resume after it") @HeaderParam("Last-Event-ID") String lastEventId,
            @Context Sse sse) {
        caller.requireUser();
        FeedFilter parsed = params.filter();
        Long resumeAfter = lastEventId(lastEventId);
        UUID firmId = caller.firmId();
        UUID userId = caller.actorId();
        Duration lifetime = Duration.between(Instant.now(), Instant.ofEpochSecond(token.getExpirationTime()));
        SessionRevocations.Session session = new SessionRevocations.Session(firmId, userId, caller.sessionId(),
                caller.sessionStart().orElse(Instant.ofEpochSecond(token.getIssuedAtTime())));
        // The group filter (or the saved default) is settled before the response starts: an SSE response commits its
        // headers as soon as the method returns, so an unknown group must fail here to be a problem+json answer. The
        // method runs on a worker thread (@Blocking) for this one short wait. mine follows the reader's groups batch by
        // batch, like visibility.
        GroupFilter groupFilter = groupFilters.effective(firmId, userId, groups.entries()).await().atMost(FILTER_WAIT);
        return entries(parsed.withGroups(groupFilter), resumeAfter, firmId, userId, lifetime, session, sse);
    }

    private Multi<OutboundSseEvent> entries(FeedFilter filter, Long resumeAfter, UUID firmId, UUID userId, Duration lifetime,
            SessionRevocations.Session session, Sse sse) {
        Uni<Long> start = resumeAfter != null ? Uni.createFrom().item(resumeAfter) : queries.head(firmId);
        Multi<OutboundSseEvent> entries = start.onItem().transformToMulti(first -> {
            AtomicLong last = new AtomicLong(first);
            Multi<Object> wakeups = Multi.createBy().merging().streams(
                    Multi.createFrom().<Object>item("connected"),
                    notifications.forFirm(firmId.toString()).map(Object.class::cast),
                    Multi.createFrom().ticks().every(config.streamPollInterval()).map(Object.class::cast));
            return wakeups.onOverflow().dropPreviousItems()
                    .onItem().transformToMultiAndConcatenate(wake -> drain(firmId, userId, filter, last))
                    .map(row -> sse.newEventBuilder().id(Long.toString(row.seq())).name("entry")
                            .mediaType(MediaType.APPLICATION_JSON_TYPE).data(EntryResponse.class, row.entry()).build());
        });
        // a comment line now and then, so that the gateway and proxies keep a quiet stream open
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.stream().heartbeatInterval())
                .onOverflow().drop().map(tick -> sse.newEventBuilder().comment(HEARTBEAT).build());
        // the session's end (logout, revocation, a watermark) ends the stream within a second, not the token's expiry
        OutboundSseEvent end = sse.newEventBuilder().comment("session ended").build();
        Multi<OutboundSseEvent> ended = revocations.endOf(session).map(revoked -> end);
        return Multi.createBy().merging().streams(entries, heartbeats, ended)
                .select().first(event -> event != end)
                .select().first(lifetime.isNegative() ? Duration.ZERO : lifetime);
    }

    /** Everything after {@code last}, batch by batch, advancing {@code last} as it goes. */
    private Multi<Positioned> drain(UUID firmId, UUID userId, FeedFilter filter, AtomicLong last) {
        return Multi.createBy().repeating()
                .uni(() -> queries.reader(firmId, userId).chain(reader -> queries.arrivedAfter(reader, filter, last.get(), BATCH))
                        .invoke(rows -> {
                            if (!rows.isEmpty()) {
                                last.set(rows.get(rows.size() - 1).seq());
                            }
                        }))
                .whilst(rows -> rows.size() == BATCH)
                .onItem().transformToIterable(List::copyOf);
    }

    private static Long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(header.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestProblem("invalid-last-event-id", "Last-Event-ID is not an id this stream sent",
                List.of(new FieldError("Last-Event-ID", "must be the id of an event of this stream (a whole number)")));
    }
}
