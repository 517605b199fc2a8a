package dev.lexguard.console.web;

import dev.lexguard.console.gateway.ConsoleProblem;
import io.quarkus.qute.TemplateData;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The review report's period as whole days in UTC, the last one included, checked before any call (a day that is not a
 * date, or a last day before the first, is the 400 page). Without days it is sharing-service's default, the last 365
 * days; with only one, sharing-service's default for the other (the 365 days before the last, or up to now).
 */
@TemplateData
public record ReviewPeriod(LocalDate from, LocalDate to) {

    public static ReviewPeriod parse(String from, String to) {
        LocalDate first = QueryValues.day(from);
        LocalDate last = QueryValues.day(to);
        if (first != null && last != null && last.isBefore(first)) {
            throw ConsoleProblem.badRequest("The last day comes before the first.");
        }
        return new ReviewPeriod(first, last);
    }

    /** As sharing-service's {@code from} and {@code to} (exclusive: the day after the last), no leading '?'. */
    public String apiQuery() {
        StringBuilder query = new StringBuilder();
        QueryValues.append(query, "from", from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant());
        QueryValues.append(query, "to", to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        return query.toString();
    }

    /** The period as the console's own query string (no leading '?'), for the export link. */
    public String consoleQuery() {
        StringBuilder query = new StringBuilder();
        QueryValues.append(query, "from", from);
        QueryValues.append(query, "to", to);
        return query.toString();
    }

    public String fromDay() {
        return from == null ? "" : from.toString();
    }

    public String toDay() {
        return to == null ? "" : to.toString();
    }

    public String exportFilename(String today) {
        return "lexguard-share-reviews-" + (from == null ? "" : from + "-to-") + (to == null ? today : to.toString()) + ".csv";
    }
}
