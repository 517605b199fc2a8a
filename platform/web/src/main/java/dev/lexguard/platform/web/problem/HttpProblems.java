package dev.lexguard.platform.web.problem;

import java.util.List;

/**
 * The problem type, title and client-safe detail for a plain HTTP status, used when the failure is the
 * framework's (unknown path, wrong method, oversized body ...) rather than one of our exceptions.
 */
public final class HttpProblems {

    private HttpProblems() {
    }

    public record Kind(String slug, String title, String detail) {
    }

    public static Kind forStatus(int status) {
        return switch (status) {
            case 400 -> new Kind("bad-request", "Bad request", "The request is not valid");
            case 401 -> new Kind("unauthorized", "Unauthorized", "A valid access token is required");
            case 403 -> new Kind("forbidden", "Forbidden", "You may not do this");
            case 404 -> new Kind("not-found", "Not found", "Not found or not yours");
            case 405 -> new Kind("method-not-allowed", "Method not allowed",
                    "This method is not allowed for this resource");
            case 406 -> new Kind("not-acceptable", "Not acceptable",
                    "None of the media types in Accept can be produced");
            case 409 -> new Kind("conflict", "Conflict", "The request conflicts with the current state");
            case 413 -> new Kind("payload-too-large", "Payload too large", "The request body is too large");
            case 414 -> new Kind("uri-too-long", "URI too long", "The request URI is too long");
            case 415 -> new Kind("unsupported-media-type", "Unsupported media type",
                    "The request body's media type is not supported here");
            case 422 -> new Kind("business-rule", "Business rule violated", "The request breaks a business rule");
            case 429 -> new Kind("too-many-requests", "Too many requests", "Too many requests; retry later");
            case 500 -> new Kind("internal-error", "Internal error",
                    "Something went wrong on our side; quote the request id when reporting it");
            case 503 -> new Kind("service-unavailable", "Service unavailable", "The service is unavailable; retry later");
            default -> status >= 500
                    ? new Kind("internal-error", "Internal error",
                            "Something went wrong on our side; quote the request id when reporting it")
                    : new Kind("http-" + status, "HTTP " + status, "The request failed with status " + status);
        };
    }

    /** A problem for a framework-level status with the standard title and detail. */
    public static Problem of(int status, String instance, String requestId) {
        Kind kind = forStatus(status);
        return new Problem(Problem.typeUri(kind.slug()), kind.title(), status, kind.detail(), instance, requestId,
                null);
    }

    public static Problem of(ProblemException e, String instance, String requestId) {
        return new Problem(e.type(), e.title(), e.status(), e.detail(), instance, requestId, e.errors());
    }

    public static Problem invalidInput(String slug, String title, String detail, List<FieldError> errors,
            String instance, String requestId) {
        return new Problem(Problem.typeUri(slug), title, 400, detail, instance, requestId,
                errors);
    }
}
