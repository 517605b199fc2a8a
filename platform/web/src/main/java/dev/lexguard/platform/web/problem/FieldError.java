package dev.lexguard.platform.web.problem;

/**
 * One offending input of a 400 problem: {@code field} is the JSON property path or query parameter name.
 */
public record FieldError(String field, String message) {
}
