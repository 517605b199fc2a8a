package dev.lexguard.sharing.review;

import static dev.lexguard.sharing.shares.ShareExamples.CSV;
import static dev.lexguard.sharing.shares.ShareExamples.PROBLEM;
import static dev.lexguard.sharing.shares.ShareExamples.SHARE_PAGE;

import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.platform.web.paging.CursorCodec;
import dev.lexguard.platform.web.paging.Page;
import dev.lexguard.platform.web.paging.PageRequest;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import dev.lexguard.sharing.Database;
import dev.lexguard.sharing.shares.ShareCsv;
import dev.lexguard.sharing.shares.ShareResponse;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Periodic share reviews (Settings > Sharing): administrators only, firm tokens only. */
@Path("/api/v1/share-reviews")
@Tag(name = "Share reviews")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    static final String CSV_HEADER = "reviewId,shareId,matterId,contactId,contactName,contactKind,resourceType,resourceId,title,decision,"
            + "note,decidedBy,decidedAt,wasDueAt,previousExpiresAt,expiresAt,nextReviewAt";
    static final String DECISIONS_REQUEST = """
            {"decisions":[{"shareId":"6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d","decision":"keep","note":"Still engaged"},{"shareId":"7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e","decision":"change-expiry","expiresAt":"2027-01-31T00:00:00Z"},{"shareId":"8c9d0e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f","decision":"revoke","note":"Expert's work is done"},{"shareId":"9d0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a","decision":"change-expiry","note":"Another term for the client"}]}""";
    static final String DECISION = """
            {"id":"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d","shareId":"6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d","decision":"keep","note":"Still engaged","decidedBy":"cdba682f-99c5-4e72-b35b-9cec60f45e73","decidedAt":"2026-11-29T21:30:00.123456Z","wasDueAt":"2026-11-28T09:00:00Z","previousExpiresAt":"2027-05-31T00:00:00Z","expiresAt":"2027-05-31T00:00:00Z","nextReviewAt":"2027-05-28T21:30:00.123456Z"}""";
    static final String REPORT = """
            {"firmId":"0b6c6f1e-3d1a-4a8e-9a55-2f1e0c7d9b10","from":"2026-01-01T00:00:00Z","to":"2027-01-01T00:00:00Z","generatedAt":"2026-11-29T21:40:00.123456Z","generatedBy":"cdba682f-99c5-4e72-b35b-9cec60f45e73","counts":{"keep":1,"revoke":0,"changeExpiry":0},"decisions":[{"reviewId":"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d","shareId":"6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d","matterId":"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f","contactId":"8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f","contactName":"Casey Client","contactKind":"client","resourceType":"document","resourceId":"doc-2026-0042","title":"Engagement letter","decision":"keep","note":"Still engaged","decidedBy":"cdba682f-99c5-4e72-b35b-9cec60f45e73","decidedAt":"2026-11-29T21:30:00.123456Z","wasDueAt":"2026-11-28T09:00:00Z","previousExpiresAt":"2027-05-31T00:00:00Z","expiresAt":"2027-05-31T00:00:00Z","nextReviewAt":"2027-05-28T21:30:00.123456Z"}]}""";

    private final Caller caller;
    private final ReviewService reviews;
    private final CursorCodec cursors;

    public ReviewResource(Caller caller, ReviewService reviews, CursorCodec cursors) {
        this.caller = caller;
        this.reviews = reviews;
        this.cursors = cursors;
    }

    @GET
    @Path("/due")
    @Operation(summary = "Shares due for review", description = "Active shares whose next review date has come (or comes within "
            + "withinDays), earliest first; each says whether it is due or overdue. Cursor paging.")
    @APIResponse(responseCode = "200", description = "A page of shares", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "page", value = SHARE_PAGE)))
    @APIResponse(responseCode = "400", description = "withinDays is not a whole number from 0 to 3650 (invalid-filter)")
    @APIResponse(responseCode = "403", description = "Not an administrator")
    public Uni<Page<ShareResponse>> due(@Parameter(description = "also shares due within this many days (0..3650, default 0)")
            @QueryParam("withinDays") String withinDays, @Valid @BeanParam PageRequest page) {
        caller.requireUser();
        int days = withinDays(withinDays);
        UUID firm = caller.firmId();
        return reviews.due(firm, caller.actorId(), days, cursors.position(firm, page), page.limit() + 1)
                .map(rows -> cursors.page(firm, rows, page.limit(),
                        s -> Map.of("nextReviewAt", s.nextReviewAt().toString(), "id", s.id().toString())));
    }

    @POST
    @Path("/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide on one or many shares", description = "keep (next review from the firm's interval), revoke (note = "
            + "reason), change-expiry (to expiresAt; without it, the default expiry of the contact's kind from now, as POST "
            + "/shares/{id}/extend without a body). All or nothing: an unknown id (422 unknown-shares), an inactive share (422 "
            + "share-not-active), a past expiry (422 expiry-in-past), a default extension that would shorten a share (422 "
            + "expiry-beyond-default) or a repeated id (400) applies none of them. Each decision is "
            + "kept as evidence and publishes dev.lexguard.sharing.review.decided (plus share.revoked / share.extended).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "decisions", value = DECISIONS_REQUEST)))
    @APIResponse(responseCode = "200", description = "The recorded decisions", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "decisions", value = "[" + DECISION + "]")))
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "422", description = "unknown-shares, share-not-active, expiry-in-past or expiry-beyond-default; "
            + "nothing applied",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "unknown ids", value = """
                    {"type":"https://lexguard.dev/problems/unknown-shares","title":"Business rule violated","status":422,"detail":"No share of this firm has the id(s) 9d0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a; nothing was applied","instance":"/api/v1/share-reviews/decisions","requestId":"2c9d1e0f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"}""")))
    public Uni<List<DecisionResponse>> decide(@Valid @NotNull BulkDecisionRequest request) {
        caller.requireUser();
        return reviews.decide(caller.firmId(), caller.actorId(), request.decisions());
    }

    @POST
    @Path("/shares/{shareId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide on one share", description = "As the bulk decisions, for the share in the path: keep, revoke (note = "
            + "reason) or change-expiry (expiresAt, or without it the default expiry of the contact's kind from now). Publishes "
            + "dev.lexguard.sharing.review.decided.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "keep",
            value = "{\"decision\":\"keep\",\"note\":\"Still engaged\"}")))
    @APIResponse(responseCode = "200", description = "The recorded decision", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "decision", value = DECISION)))
    @APIResponse(responseCode = "403", description = "Not an administrator")
    @APIResponse(responseCode = "404", description = "Not found or not yours")
    @APIResponse(responseCode = "422", description = "share-not-active, expiry-in-past or expiry-beyond-default")
    public Uni<DecisionResponse> decideOne(@PathParam("shareId") UUID shareId, @Valid @NotNull ShareDecisionRequest request) {
        caller.requireUser();
        return reviews.decideOne(caller.firmId(), caller.actorId(), shareId, request);
    }

    @GET
    @Path("/report")
    @Operation(summary = "The review report (JSON)", description = "Every decision taken in [from, to) with its share: who decided "
            + "what and when. Defaults: the last 365 days. At most 10000 decisions.")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "report", value = REPORT)))
    @APIResponse(responseCode = "400", description = "from/to malformed or from not before to (invalid-filter)")
    public Uni<ReviewReport> report(@Parameter(description = "ISO-8601 time with offset") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 time with offset") @QueryParam("to") String to) {
        caller.requireUser();
        Instant[] period = period(from, to);
        return reviews.report(caller.firmId(), caller.actorId(), period[0], period[1]);
    }

    @GET
    @Path("/report/export")
    @Produces({CSV, MediaType.APPLICATION_JSON})
    @Operation(summary = "The review report (CSV)", description = "The same rows as the JSON report, one decision per line.")
    @APIResponse(responseCode = "200", description = "CSV", content = @Content(mediaType = CSV, examples = @ExampleObject(name = "csv",
            value = CSV_HEADER + "\r\n1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d,6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d,"
                    + "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f,8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f,Casey Client,client,document,"
                    + "doc-2026-0042,Engagement letter,keep,Still engaged,cdba682f-99c5-4e72-b35b-9cec60f45e73,"
                    + "2026-11-29T21:30:00.123456Z,2026-11-28T09:00:00Z,2027-05-31T00:00:00Z,2027-05-31T00:00:00Z,"
                    + "2027-05-28T21:30:00.123456Z\r\n")))
    @APIResponse(responseCode = "400", description = "from/to malformed or from not before to (invalid-filter)")
    public Uni<Response> reportCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        caller.requireUser();
        Instant[] period = period(from, to);
        return reviews.report(caller.firmId(), caller.actorId(), period[0], period[1]).map(report -> {
            StringBuilder out = new StringBuilder(CSV_HEADER).append("\r\n");
            for (ReviewReport.Row r : report.decisions()) {
                out.append(ShareCsv.line(r.reviewId(), r.shareId(), r.matterId(), r.contactId(), r.contactName(), r.contactKind(),
                        r.resourceType(), r.resourceId(), r.title(), r.decision(), r.note(), r.decidedBy(), r.decidedAt(), r.wasDueAt(),
                        r.previousExpiresAt(), r.expiresAt(), r.nextReviewAt())).append("\r\n");
            }
            return Response.ok(out.toString(), CSV + ";charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"share-review-report.csv\"").build();
        });
    }

    private static int withinDays(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        String v = value.strip();
        if (!v.matches("[0-9]{1,4}") || Integer.parseInt(v) > 3650) {
            throw new BadRequestProblem("invalid-filter", "A filter has a value of the wrong type or format",
                    List.of(new FieldError("withinDays", "must be a whole number from 0 to 3650")));
        }
        return Integer.parseInt(v);
    }

    private static Instant[] period(String from, String to) {
        List<FieldError> errors = new ArrayList<>();
        Instant now = Database.now();
        Instant end = time("to", to, now, errors);
        Instant start = time("from", from, (end == null ? now : end).minus(Duration.ofDays(365)), errors);
        if (errors.isEmpty() && !start.isBefore(end)) {
            errors.add(new FieldError("from", "must be before to"));
        }
        if (!errors.isEmpty()) {
            throw new BadRequestProblem("invalid-filter", "A filter has a value of the wrong type or format", errors);
        }
        return new Instant[] {start, end};
    }

    private static Instant time(String name, String value, Instant fallback, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 time with an offset, e.g. 2026-11-29T18:00:00Z"));
            return null;
        }
    }
}
