package dev.lexguard.platform.web.problem;

import java.util.List;

/** 400: the request is invalid in a way bean validation cannot express. */
public final class BadRequestProblem extends ProblemException {

    public static final String INVALID_CURSOR = "invalid-cursor";

    public BadRequestProblem(String slug, String detail) {
        this(slug, detail, List.of());
    }

    public BadRequestProblem(String slug, String detail, List<FieldError> errors) {
        super(400, slug, "Bad request", detail, errors);
    }

    public static BadRequestProblem invalidCursor() {
        return new BadRequestProblem(INVALID_CURSOR, "The cursor is not valid for this request",
                List.of(new FieldError("cursor", "is not a cursor this service issued to you")));
    }
}
