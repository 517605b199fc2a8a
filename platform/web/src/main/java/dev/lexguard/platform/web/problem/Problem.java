package dev.lexguard.platform.web.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}), plus the request id and,
 * for invalid input, the offending fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "requestId", "errors"})
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String requestId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://lexguard.dev/problems/";

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    public static String typeUri(String slug) {
        return TYPE_BASE + slug;
    }
}
