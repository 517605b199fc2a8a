package dev.lexguard.permissions.access;

import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.FieldError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The optional {@code at} query parameter: an ISO-8601 time with an offset; absent means now. */
public final class PointInTime {

    private PointInTime() {
    }

    /** @throws BadRequestProblem {@code invalid-field} naming {@code at} */
    public static Instant parse(String at) {
        if (at == null || at.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(at.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestProblem("invalid-field", "A field has a value of the wrong type or format",
                    List.of(new FieldError("at", "must be an ISO-8601 time with an offset, e.g. 2026-11-29T18:00:00Z")));
        }
    }
}
