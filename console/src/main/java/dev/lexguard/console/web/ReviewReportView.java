package dev.lexguard.console.web;

import io.quarkus.qute.TemplateData;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The review report, the evidence of the firm's periodic share reviews (sharing-service's report): every decision in
 * the period with its share, who decided what and when, the counts, and the CSV export of the same period.
 */
@TemplateData
public record ReviewReportView(ReviewPeriod period, String from, String to, String generated, String generatedBy, long kept,
        long revoked, long changed, List<Decision> decisions, String exportUrl) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    @TemplateData
    public record Decision(String reviewId, String shareId, String title, String resourceType, String contactName, String contactKind,
            String matterId, String matterNumber, String decision, String note, String decidedBy, String decided, String decidedAt,
            String wasDue, String previousExpires, String expires, String nextReview) {
    }

    public static ReviewReportView of(JsonObject report, JsonObject users, JsonObject matters, ReviewPeriod period) {
        Map<String, String> names = new HashMap<>();
        for (JsonObject u : Json.items(users)) {
            names.put(u.getString("id"), Json.orElse(u.getString("displayName"), u.getString("email", "")));
        }
        Map<String, String> numbers = SharingView.numbers(matters);
        List<Decision> decisions = new ArrayList<>();
        for (JsonObject d : Json.objects(report.getJsonArray("decisions"))) {
            decisions.add(new Decision(d.getString("reviewId"), d.getString("shareId"),
                    Json.orElse(d.getString("title"), d.getString("resourceType", "")), d.getString("resourceType", ""),
                    Json.orElse(d.getString("contactName"), "a contact"), d.getString("contactKind", ""), d.getString("matterId"),
                    Json.orElse(numbers.get(d.getString("matterId")), "a matter"), d.getString("decision", ""), d.getString("note"),
                    person(names, d.getString("decidedBy")), time(d.getString("decidedAt")), Json.orElse(d.getString("decidedAt"), ""),
                    day(d.getString("wasDueAt")), day(d.getString("previousExpiresAt")), day(d.getString("expiresAt")),
                    day(d.getString("nextReviewAt"))));
        }
        JsonObject counts = report.getJsonObject("counts", new JsonObject());
        String query = period.consoleQuery();
        return new ReviewReportView(period, time(report.getString("from")), time(report.getString("to")),
                time(report.getString("generatedAt")), person(names, report.getString("generatedBy")), counts.getLong("keep", 0L),
                counts.getLong("revoke", 0L), counts.getLong("changeExpiry", 0L), decisions,
                "/console/sharing/reviews/report/export" + (query.isEmpty() ? "" : "?" + query));
    }

    private static String person(Map<String, String> names, String id) {
        return id == null ? "" : Json.orElse(names.get(id), id);
    }

    private static String time(String iso) {
        Instant at = Json.instant(iso);
        return at == null ? "" : TIME.format(at);
    }

    private static String day(String iso) {
        Instant at = Json.instant(iso);
        return at == null ? "" : SharingView.DAY.format(at);
    }
}
