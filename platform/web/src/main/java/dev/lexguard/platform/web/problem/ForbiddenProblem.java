package dev.lexguard.platform.web.problem;

import java.util.List;

/** 403: the caller is known but may not do this. */
public final class ForbiddenProblem extends ProblemException {

    public static final String SLUG = "forbidden";

    public ForbiddenProblem(String detail) {
        this(SLUG, detail);
    }

    public ForbiddenProblem(String slug, String detail) {
        super(403, slug, "Forbidden", detail, List.of());
    }

    public static ForbiddenProblem missingPermission(String permission) {
        return new ForbiddenProblem("missing-permission", "This requires the '" + permission + "' permission");
    }
}
