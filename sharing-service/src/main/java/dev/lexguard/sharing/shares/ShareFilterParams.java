package dev.lexguard.sharing.shares;

import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import dev.lexguard.sharing.contactrecords.ContactKind;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The monitoring filters as query parameters. Kept as text and parsed here, so a malformed value is a 400
 * {@code invalid-filter} naming every bad parameter (JAX-RS would answer 404 for a query parameter that fails to
 * convert).
 */
public class ShareFilterParams {

    private static final Set<String> STATUSES = Set.of(Share.ACTIVE, Share.EXPIRED, Share.REVOKED);

    @QueryParam("resourceType")
    @Parameter(description = "document, folder, calendar-entry, task, communication, note, bill or matter")
    String resourceType;

    @QueryParam("matterId")
    @Parameter(description = "only shares of this matter (UUID)")
    String matterId;

    @QueryParam("contactId")
    @Parameter(description = "only shares with this contact (UUID)")
    String contactId;

    @QueryParam("contactKind")
    @Parameter(description = "client, co-counsel, expert or other")
    String contactKind;

    @QueryParam("sharedBy")
    @Parameter(description = "only shares made by this user (UUID)")
    String sharedBy;

    @QueryParam("status")
    @Parameter(description = "active, expired or revoked (as of the request)")
    String status;

    @QueryParam("createdAfter")
    @Parameter(description = "ISO-8601 time with offset; shares created at or after it")
    String createdAfter;

    @QueryParam("createdBefore")
    @Parameter(description = "ISO-8601 time with offset; shares created before it")
    String createdBefore;

    @QueryParam("expiringWithinDays")
    @Parameter(description = "active shares expiring within this many days (0..3650)")
    String expiringWithinDays;

    @QueryParam("neverOpened")
    @Parameter(description = "true: never opened by the contact; false: opened at least once")
    String neverOpened;

    @QueryParam("notOpenedForDays")
    @Parameter(description = "not opened (or never opened and older than) this many days (1..3650)")
    String notOpenedForDays;

    public ShareFilterParams() {
    }

    /** @throws BadRequestProblem {@code invalid-filter} listing every malformed parameter */
    public ShareFilter parse() {
        List<FieldError> errors = new ArrayList<>();
        String type = blankToNull(resourceType);
        if (type != null && !type.matches(ShareRequest.RESOURCE_TYPES)) {
            errors.add(new FieldError("resourceType", "must be one of " + ShareRequest.RESOURCE_TYPE_LIST));
        }
        String kind = blankToNull(contactKind);
        if (kind != null && ContactKind.parse(kind).isEmpty()) {
            errors.add(new FieldError("contactKind", "must be one of client, co-counsel, expert, other"));
        }
        String state = blankToNull(status);
        if (state != null && !STATUSES.contains(state)) {
            errors.add(new FieldError("status", "must be one of active, expired, revoked"));
        }
        Boolean never = null;
        if (blankToNull(neverOpened) != null) {
            if ("true".equals(neverOpened.strip()) || "false".equals(neverOpened.strip())) {
                never = Boolean.valueOf(neverOpened.strip());
            } else {
                errors.add(new FieldError("neverOpened", "must be true or false"));
            }
        }
        ShareFilter filter = new ShareFilter(type, uuid("matterId", matterId, errors), uuid("contactId", contactId, errors), kind,
                uuid("sharedBy", sharedBy, errors), state, time("createdAfter", createdAfter, errors),
                time("createdBefore", createdBefore, errors), days("expiringWithinDays", expiringWithinDays, 0, errors), never,
                days("notOpenedForDays", notOpenedForDays, 1, errors), List.of());
        if (filter.createdAfter() != null && filter.createdBefore() != null && !filter.createdAfter().isBefore(filter.createdBefore())) {
            errors.add(new FieldError("createdBefore", "must be later than createdAfter"));
        }
        if (!errors.isEmpty()) {
            throw new BadRequestProblem("invalid-filter", "A filter has a value of the wrong type or format", errors);
        }
        return filter;
    }

    private static UUID uuid(String name, String value, List<FieldError> errors) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            return UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(name, "must be a UUID"));
            return null;
        }
    }

    private static Instant time(String name, String value, List<FieldError> errors) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 time with an offset, e.g. 2026-11-29T18:00:00Z"));
            return null;
        }
    }

    private static Integer days(String name, String value, int min, List<FieldError> errors) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        if (!v.matches("[0-9]{1,4}") || Integer.parseInt(v) < min || Integer.parseInt(v) > 3650) {
            errors.add(new FieldError(name, "must be a whole number from " + min + " to 3650"));
            return null;
        }
        return Integer.parseInt(v);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
