package dev.lexguard.console.web;

import dev.lexguard.console.gateway.ConsoleProblem;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The values of a page's query string as the filters check them before any call: a blank one is absent, an id that is
 * not a UUID names nothing (the 404 page, as in a URL's path), a day that is not a date is the 400 page.
 */
final class QueryValues {

    private QueryValues() {
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** An id filter: null when absent; anything but a UUID is the 404 page. */
    static UUID id(String value) {
        if (blank(value)) {
            return null;
        }
        String id = value.strip();
        try {
            if (id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ConsoleProblem.notFound();
    }

    static LocalDate day(String value) {
        if (blank(value)) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value);
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw ConsoleProblem.badRequest("A day is not a date (year-month-day).");
    }

    /** Appends {@code name=value} (encoded, after '&' unless first) when the value is not null. */
    static void append(StringBuilder query, String name, Object value) {
        if (value != null) {
            query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        }
    }
}
