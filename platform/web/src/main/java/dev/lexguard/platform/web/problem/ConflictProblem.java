package dev.lexguard.platform.web.problem;

import java.util.List;

/** 409: the request collides with the current state (a duplicate, a stale version). */
public final class ConflictProblem extends ProblemException {

    public static final String SLUG = "conflict";

    public ConflictProblem(String detail) {
        this(SLUG, detail);
    }

    public ConflictProblem(String slug, String detail) {
        super(409, slug, "Conflict", detail, List.of());
    }
}
