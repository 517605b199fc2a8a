package dev.lexguard.console.web;

import dev.lexguard.console.gateway.ConsoleProblem;
import java.util.List;
import java.util.UUID;

/**
 * The sharing list's filters as the console's pages and its CSV export take them (contact, matter, status, expiring
 * within 7, 14 or 30 days), checked before any call: a malformed id is the 404 page, a status or window outside the
 * lists the 400 page. They name one of sharing-service's lists: one matter's shares (anyone's the API lets see the
 * matter; a contact filter is then a query parameter), one contact's (administrators'; another firm's contact is its
 * 404), or everything shared across the firm (administrators').
 */
public record SharingFilters(UUID contact, UUID matter, String status, Integer expiring) {

    public static final List<String> STATUSES = List.of("active", "expired", "revoked");
    public static final List<Integer> EXPIRING = List.of(7, 14, 30);

    public static SharingFilters parse(String contact, String matter, String status, String expiring) {
        UUID contactId = QueryValues.id(contact);
        UUID matterId = QueryValues.id(matter);
        String state = QueryValues.blank(status) ? null : status.strip();
        if (state != null && !STATUSES.contains(state)) {
            throw ConsoleProblem.badRequest("Choose a status from the list.");
        }
        Integer days = null;
        if (!QueryValues.blank(expiring)) {
            days = EXPIRING.stream().filter(d -> d.toString().equals(expiring.strip())).findFirst()
                    .orElseThrow(() -> ConsoleProblem.badRequest("Choose how soon from the list."));
        }
        return new SharingFilters(contactId, matterId, state, days);
    }

    /** No matter named: the firm's list or a contact's, which sharing-service gives administrators only. */
    public boolean administrators() {
        return matter == null;
    }

    /** sharing-service's list these filters name (its CSV export is the same path with {@code /export}). */
    public String apiPath() {
        if (matter != null) {
            return "/api/v1/shares/matters/" + matter;
        }
        if (contact != null) {
            return "/api/v1/contacts/" + contact + "/shares";
        }
        return "/api/v1/shares";
    }

    /** The filters the path does not carry, as sharing-service's query parameters (no leading '?' or '&'). */
    public String apiQuery() {
        StringBuilder query = new StringBuilder();
        QueryValues.append(query, "contactId", matter != null ? contact : null);
        QueryValues.append(query, "status", status);
        QueryValues.append(query, "expiringWithinDays", expiring);
        return query.toString();
    }

    /** The filters as the console's own query string (no leading '?'), for links that keep them. */
    public String consoleQuery() {
        StringBuilder query = new StringBuilder();
        QueryValues.append(query, "contact", contact);
        QueryValues.append(query, "matter", matter);
        QueryValues.append(query, "status", status);
        QueryValues.append(query, "expiring", expiring);
        return query.toString();
    }

    /** The CSV file's name: what it holds, the day (UTC) it was taken. */
    public String exportFilename(String today) {
        String of = matter != null ? "-matter-" + matter : contact != null ? "-contact-" + contact : "";
        return "lexguard-shares" + of + "-" + today + ".csv";
    }
}
