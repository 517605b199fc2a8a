package dev.lexguard.platform.web.problem;

import java.util.List;
import java.util.Map;

/**
 * An expected failure that answers with a problem+json body. Throw one of the subclasses from a
 * resource or a service; the shared exception mapper turns it into the response.
 * <p>
 * The stack trace is not captured: these are outcomes, not bugs, and they are not logged as errors.
 */
public abstract sealed class ProblemException extends RuntimeException
        permits BadRequestProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, BusinessRuleProblem,
        TooManyRequestsProblem {

    private final int status;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;

    ProblemException(int status, String slug, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        if (slug == null || !slug.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a problem slug is lower-case words joined by '-': " + slug);
        }
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    /** The last segment of the problem type URI, e.g. {@code invalid-cursor}. */
    public String slug() {
        return slug;
    }

    public String type() {
        return Problem.typeUri(slug);
    }

    public String title() {
        return title;
    }

    /** Shown to the client: never put internal details (SQL, class names) here. */
    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Extra response headers, e.g. Retry-After. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
