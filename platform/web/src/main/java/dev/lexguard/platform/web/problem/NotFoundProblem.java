package dev.lexguard.platform.web.problem;

import java.util.List;

/**
 * 404 for an object that does not exist or belongs to another firm: the two answers must be identical,
 * so there is no way to say which.
 */
public final class NotFoundProblem extends ProblemException {

    public static final String SLUG = "not-found";

    public NotFoundProblem() {
        this("Not found or not yours");
    }

    public NotFoundProblem(String detail) {
        super(404, SLUG, "Not found", detail, List.of());
    }
}
