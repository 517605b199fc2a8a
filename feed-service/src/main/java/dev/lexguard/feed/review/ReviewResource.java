package dev.lexguard.feed.review;

import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.platform.web.paging.CursorCodec;
import dev.lexguard.platform.web.paging.Page;
import dev.lexguard.platform.web.paging.PageRequest;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Feed reviews (Settings > Feed reviews): a regular check of the firm feed, recorded as evidence. Under the feed's own
 * prefix, which the gateway already routes to feed-service (the issue's {@code /feed-reviews} would need a route).
 */
@Path("/api/v1/feed/reviews")
@Tag(name = "Feed reviews")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    static final String PROBLEM = "application/problem+json";
    static final String CSV = "text/csv";
    static final String SETTINGS = """
            {"interval":"P7D","reviewers":["442058c2-4ebc-4d5f-b217-134de6297199"],"administrators":false,"firmDefault":false,"updatedAt":"2026-11-29T21:00:00.123456Z","updatedBy":"cdba682f-99c5-4e72-b35b-9cec60f45e73"}""";
    static final String DIGEST = """
            {"entries":42,"byCategory":{"activity":12,"billing":3,"documents":4,"matters":6,"other":0,"permissions":5,"security":9,"sharing":3,"users":0},"sections":{"unusualSignIns":{"count":1,"entries":[{"id":"0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f","href":"/api/v1/feed/entries/0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f"}]},"permissionChanges":{"count":2,"entries":[{"id":"1e6d9f5a-3c8b-4d2e-8f4a-6b7c8d9e0f1a","href":"/api/v1/feed/entries/1e6d9f5a-3c8b-4d2e-8f4a-6b7c8d9e0f1a"},{"id":"2f7e0a6b-4d9c-4e3f-9a5b-7c8d9e0f1a2b","href":"/api/v1/feed/entries/2f7e0a6b-4d9c-4e3f-9a5b-7c8d9e0f1a2b"}]},"accessListChanges":{"count":0,"entries":[]},"newShares":{"count":3,"entries":[{"id":"3a8f1b7c-5e0d-4f4a-8b6c-8d9e0f1a2b3c","href":"/api/v1/feed/entries/3a8f1b7c-5e0d-4f4a-8b6c-8d9e0f1a2b3c"}]},"extendedShares":{"count":0,"entries":[]},"twoFactorChanges":{"count":0,"entries":[]},"exports":{"count":0,"entries":[]}}}""";
    static final String DUE = "{\"due\":true,\"overdue\":false,\"dueAt\":\"2026-11-29T09:00:00Z\",\"overdueAt\":\"2026-12-01T09:00:00Z\","
            + "\"interval\":\"P7D\",\"period\":{\"from\":\"2026-11-22T09:00:00Z\",\"to\":\"2026-11-29T21:40:00.123456Z\",\"afterSeq\":120,"
            + "\"headSeq\":162},\"lastReview\":{\"id\":\"5c0b3d9e-7a2f-4b6c-8d8e-0f1a2b3c4d5e\",\"completedAt\":\"2026-11-22T09:00:00Z\","
            + "\"reviewedBy\":\"442058c2-4ebc-4d5f-b217-134de6297199\"},\"digest\":" + DIGEST + "}";
    static final String FLAGGED = """
            {"id":"0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f","seq":131,"type":"dev.lexguard.sessions.signin.unusual","category":"security","occurredAt":"2026-11-25T03:12:00Z","summary":"An unusual sign-in was detected","href":"/api/v1/feed/entries/0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f"}""";
    static final String REVIEW_SUMMARY = """
            "id":"6d1c4e0f-8b3a-4c7d-9e9f-1a2b3c4d5e6f","periodStart":"2026-11-22T09:00:00Z","completedAt":"2026-11-29T21:40:00.123456Z","afterSeq":120,"head":{"seq":162,"hash":"9f2c4e0b1d3a5f7e8c6b4a29183746556473829101a2b3c4d5e6f708192a3b4c"},"entryId":"7e2d5f1a-9c4b-4d8e-8f0a-2b3c4d5e6f7a","reviewedBy":"442058c2-4ebc-4d5f-b217-134de6297199","note":"Asked Ben about the 3 a.m. sign-in","flaggedCount":1""";
    static final String REVIEW = "{" + REVIEW_SUMMARY + ",\"digest\":" + DIGEST + ",\"flagged\":[" + FLAGGED + "]}";
    static final String HISTORY = "{\"items\":[{" + REVIEW_SUMMARY + "}],\"nextCursor\":null}";
    static final String EVIDENCE = "{\"firmId\":\"0b6c6f1e-3d1a-4a8e-9a55-2f1e0c7d9b10\",\"review\":" + REVIEW
            + ",\"generatedAt\":\"2026-11-30T08:00:00.123456Z\",\"generatedBy\":\"cdba682f-99c5-4e72-b35b-9cec60f45e73\"}";
    static final String CSV_EXAMPLE = ReviewCsv.HEADER + "\r\n"
            + "6d1c4e0f-8b3a-4c7d-9e9f-1a2b3c4d5e6f,2026-11-22T09:00:00Z,2026-11-29T21:40:00.123456Z,120,162,9f2c4e0b1d3a5f7e8c6b4a29183746556473829101a2b3c4d5e6f708192a3b4c,442058c2-4ebc-4d5f-b217-134de6297199,review,note,42,,,,,Asked Ben about the 3 a.m. sign-in\r\n"
            + "6d1c4e0f-8b3a-4c7d-9e9f-1a2b3c4d5e6f,2026-11-22T09:00:00Z,2026-11-29T21:40:00.123456Z,120,162,9f2c4e0b1d3a5f7e8c6b4a29183746556473829101a2b3c4d5e6f708192a3b4c,442058c2-4ebc-4d5f-b217-134de6297199,category,security,9,,,,,\r\n"
            + "6d1c4e0f-8b3a-4c7d-9e9f-1a2b3c4d5e6f,2026-11-22T09:00:00Z,2026-11-29T21:40:00.123456Z,120,162,9f2c4e0b1d3a5f7e8c6b4a29183746556473829101a2b3c4d5e6f708192a3b4c,442058c2-4ebc-4d5f-b217-134de6297199,section,unusualSignIns,1,,,,,\r\n"
            + "6d1c4e0f-8b3a-4c7d-9e9f-1a2b3c4d5e6f,2026-11-22T09:00:00Z,2026-11-29T21:40:00.123456Z,120,162,9f2c4e0b1d3a5f7e8c6b4a29183746556473829101a2b3c4d5e6f708192a3b4c,442058c2-4ebc-4d5f-b217-134de6297199,section-entry,unusualSignIns,,0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f,,,,/api/v1/feed/entries/0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f\r\n"
            + "6d1c4e0f-8b3a-4c7d-9e9f-1a2b3c4d5e6f,2026-11-22T09:00:00Z,2026-11-29T21:40:00.123456Z,120,162,9f2c4e0b1d3a5f7e8c6b4a29183746556473829101a2b3c4d5e6f708192a3b4c,442058c2-4ebc-4d5f-b217-134de6297199,flagged,security,,0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f,131,dev.lexguard.sessions.signin.unusual,2026-11-25T03:12:00Z,An unusual sign-in was detected\r\n";
    static final String NOT_REVIEWER = """
            {"type":"https://lexguard.dev/problems/missing-permission","title":"Forbidden","status":403,"detail":"This requires the 'feed reviewer' permission","instance":"/api/v1/feed/reviews/due","requestId":"2c9d1e0f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"}""";

    private final Caller caller;
    private final ReviewService reviews;
    private final CursorCodec cursors;

    public ReviewResource(Caller caller, ReviewService reviews, CursorCodec cursors) {
        this.caller = caller;
        this.reviews = reviews;
        this.cursors = cursors;
    }

    @GET
    @Path("/settings")
    @Operation(summary = "The firm's feed review settings", description = "The interval (ISO-8601 period; P7D unless the firm set "
            + "one) and the reviewers (empty: the firm's administrators review). Administrators and reviewers.")
    @APIResponse(responseCode = "200", description = "The settings", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "settings", value = SETTINGS)))
    @APIResponse(responseCode = "403", description = "Neither an administrator nor a reviewer (missing-permission)",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "not a reviewer", value = NOT_REVIEWER)))
    public Uni<ReviewSettingsResponse> settings() {
        caller.requireUser();
        return reviews.settings(caller.firmId(), caller.actorId());
    }

    @PUT
    @Path("/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the firm's feed review settings", description = "Administrators only. interval: an ISO-8601 period of "
            + "days or weeks from P1D to P90D; reviewers: ids of users of the firm that are not deactivated (empty or absent: the "
            + "firm's administrators).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "weekly, one reviewer",
            value = "{\"interval\":\"P1W\",\"reviewers\":[\"442058c2-4ebc-4d5f-b217-134de6297199\"]}")))
    @APIResponse(responseCode = "200", description = "The settings", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "settings", value = SETTINGS)))
    @APIResponse(responseCode = "400", description = "A bad interval, or reviewers that are not active users of the firm (each named)",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "unknown reviewer", value = """
                    {"type":"https://lexguard.dev/problems/validation-failed","title":"Bad request","status":400,"detail":"The request has invalid fields","instance":"/api/v1/feed/reviews/settings","requestId":"2c9d1e0f-3a4b-4c5d-8e6f-7a8b9c0d1e2f","errors":[{"field":"reviewers[1]","message":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d is not an active user of this firm"}]}""")))
    @APIResponse(responseCode = "403", description = "Not an administrator (missing-permission)")
    public Uni<ReviewSettingsResponse> updateSettings(@NotNull ReviewSettingsRequest request) {
        caller.requireUser();
        return reviews.updateSettings(caller.firmId(), caller.actorId(), request);
    }

    @GET
    @Path("/due")
    @Operation(summary = "The review that is due", description = "Whether the firm's feed review is due (its period ended: the "
            + "last review, or the firm's first entry, plus the interval) or overdue (plus lexguard.feed.review.overdue-after), the "
            + "period it covers (chain positions after the last review's own entry up to the head, and times) and a digest of the "
            + "period: counts by category, and unusual sign-ins, permission and access-list changes, new and extended shares, "
            + "two-factor changes and exports, each a complete count with the newest entries and their links. The digest holds only "
            + "what the caller may see in the feed. Administrators and reviewers.")
    @APIResponse(responseCode = "200", description = "The due review", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "due", value = DUE)))
    @APIResponse(responseCode = "403", description = "Neither an administrator nor a reviewer (missing-permission)",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "not a reviewer", value = NOT_REVIEWER)))
    public Uni<ReviewDueResponse> due() {
        caller.requireUser();
        return reviews.due(caller.firmId(), caller.actorId());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a review", description = "Records that the caller reviewed the firm feed up to its chain head (its "
            + "position and hash are kept), with a note and the entries they flag (each an entry of the period they may see). When "
            + "nothing was recorded since the last review, a review is taken only once it is due (409 nothing-to-review before). "
            + "Publishes dev.lexguard.feed.review.completed, which is also an entry of the firm feed (security), in the same "
            + "transaction. Administrators and reviewers.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "review",
            value = "{\"note\":\"Asked Ben about the 3 a.m. sign-in\",\"flaggedEntryIds\":[\"0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f\"]}")))
    @APIResponse(responseCode = "201", description = "The review", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "review", value = REVIEW)))
    @APIResponse(responseCode = "400", description = "Flagged ids that are not entries of the period (unknown-entries, each named), "
            + "repeated ids, a note over 4000 characters", content = @Content(mediaType = PROBLEM, examples = @ExampleObject(
                    name = "unknown entry", value = """
                    {"type":"https://lexguard.dev/problems/unknown-entries","title":"Bad request","status":400,"detail":"Some flagged entries are not in the review's period","instance":"/api/v1/feed/reviews","requestId":"2c9d1e0f-3a4b-4c5d-8e6f-7a8b9c0d1e2f","errors":[{"field":"flaggedEntryIds[0]","message":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d is not an entry of this firm's feed in the review's period that you can see"}]}""")))
    @APIResponse(responseCode = "403", description = "Neither an administrator nor a reviewer (missing-permission)")
    @APIResponse(responseCode = "409", description = "Nothing new since the last review and the next is not due yet (nothing-to-review)",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "nothing new", value = """
                    {"type":"https://lexguard.dev/problems/nothing-to-review","title":"Conflict","status":409,"detail":"Nothing was recorded in the feed since the last review (5c0b3d9e-7a2f-4b6c-8d8e-0f1a2b3c4d5e); the next review is due at 2026-12-06T21:40:00.123456Z","instance":"/api/v1/feed/reviews","requestId":"2c9d1e0f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"}""")))
    public Uni<Response> complete(@Valid @NotNull ReviewRequest request) {
        caller.requireUser();
        return reviews.complete(caller.firmId(), caller.actorId(), request)
                .map(review -> Response.created(URI.create("/api/v1/feed/reviews/" + review.id())).entity(review).build());
    }

    @GET
    @Operation(summary = "The history of reviews", description = "Newest first, without digests; cursor paging (?limit=&cursor=). "
            + "Administrators and reviewers.")
    @APIResponse(responseCode = "200", description = "A page of reviews", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "history", value = HISTORY)))
    @APIResponse(responseCode = "400", description = "A bad limit or cursor")
    @APIResponse(responseCode = "403", description = "Neither an administrator nor a reviewer (missing-permission)")
    public Uni<Page<ReviewResponse>> history(@Valid @BeanParam PageRequest page) {
        caller.requireUser();
        UUID firm = caller.firmId();
        Optional<Map<String, String>> after = cursors.position(firm, page);
        Instant afterTime = after.map(p -> Instant.parse(p.get("t"))).orElse(null);
        UUID afterId = after.map(p -> UUID.fromString(p.get("id"))).orElse(null);
        return reviews.history(firm, caller.actorId(), afterTime, afterId, page.limit() + 1)
                .map(rows -> cursors.page(firm, rows, page.limit(),
                        r -> Map.of("t", r.completedAt().toString(), "id", r.id().toString())));
    }

    @GET
    @Path("/{reviewId}")
    @Operation(summary = "One review", description = "With its digest and flagged entries. Administrators read every review; a "
            + "reviewer who is not one reads the reviews they recorded (a digest holds what its reviewer could see). Another "
            + "firm's review is a 404.")
    @APIResponse(responseCode = "200", description = "The review", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "review", value = REVIEW)))
    @APIResponse(responseCode = "403", description = "Neither an administrator nor a reviewer, or another reviewer's review")
    @APIResponse(responseCode = "404", description = "No such review in this firm")
    public Uni<ReviewResponse> review(@PathParam("reviewId") UUID reviewId) {
        caller.requireUser();
        return reviews.find(caller.firmId(), caller.actorId(), reviewId);
    }

    @GET
    @Path("/{reviewId}/evidence")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "A review's evidence (JSON or CSV)", description = "The review, the chain head it covered (position and "
            + "hash, to compare with GET /api/v1/feed/verify), its digest and flagged entries, who exported it and when. JSON or "
            + "CSV by ?format=json|csv, else by Accept. CSV: RFC 4180 with a header row; each row repeats the review's columns, "
            + "then one record: review (note, entry count), category, section, section-entry or flagged. Same access as GET "
            + "/api/v1/feed/reviews/{reviewId}.")
    @APIResponse(responseCode = "200", description = "The evidence", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "json", value = EVIDENCE)),
        @Content(mediaType = CSV, examples = @ExampleObject(name = "csv", value = CSV_EXAMPLE))})
    @APIResponse(responseCode = "400", description = "format is neither json nor csv")
    @APIResponse(responseCode = "403", description = "Neither an administrator nor a reviewer, or another reviewer's review")
    @APIResponse(responseCode = "404", description = "No such review in this firm")
    public Uni<Response> evidence(@PathParam("reviewId") UUID reviewId,
            @Parameter(description = "json or csv (default: by Accept, else json)") @QueryParam("format") String format,
            @HeaderParam("Accept") String accept) {
        caller.requireUser();
        boolean csv = csv(format, accept);
        return reviews.evidence(caller.firmId(), caller.actorId(), reviewId).map(evidence -> csv
                ? Response.ok(ReviewCsv.render(evidence.review()), CSV + ";charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"feed-review-" + reviewId + ".csv\"").build()
                : Response.ok(evidence, MediaType.APPLICATION_JSON).build());
    }

    private static boolean csv(String format, String accept) {
        if (format != null) {
            return switch (format) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new BadRequestProblem("invalid-format", "format must be json or csv",
                        List.of(new FieldError("format", "must be json or csv")));
            };
        }
        return accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON);
    }
}
