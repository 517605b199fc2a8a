package dev.lexguard.platform.web.paging;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

/**
 * The {@code ?limit=&cursor=} query parameters of a list endpoint. Use as
 * {@code @Valid @BeanParam PageRequest page}: a limit outside 1..200 (or not a number) answers 400
 * naming {@code limit}.
 */
public class PageRequest {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    static final int MAX_CURSOR_LENGTH = 512;

    // Kept as text: JAX-RS answers 404 when a query parameter fails to convert to int, and a bad
    // limit is a 400 that names the field.
    @QueryParam("limit")
    @DefaultValue("50")
    @Pattern(regexp = "[1-9]|[1-9][0-9]|1[0-9][0-9]|200", message = "must be a whole number from 1 to 200")
    String limit;

    @QueryParam("cursor")
    @Size(max = MAX_CURSOR_LENGTH)
    String cursor;

    public PageRequest() {
        this.limit = Integer.toString(DEFAULT_LIMIT);
    }

    /** For code that pages without an HTTP request; the limit is clamped to 1..200. */
    public static PageRequest of(int limit, String cursor) {
        PageRequest page = new PageRequest();
        page.limit = Integer.toString(Math.max(1, Math.min(MAX_LIMIT, limit)));
        page.cursor = cursor;
        return page;
    }

    public int limit() {
        return limit == null || limit.isBlank() ? DEFAULT_LIMIT : Integer.parseInt(limit);
    }

    /** The opaque cursor from the previous page, or null for the first page. */
    public String cursor() {
        return cursor == null || cursor.isBlank() ? null : cursor;
    }
}
