package dev.lexguard.console.web;

import dev.lexguard.console.web.SharingView.ShareRow;
import io.quarkus.qute.TemplateData;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The review queue (sharing-service's shares due for review, earliest first): each share with a checkbox for the bulk
 * keep or revoke, and, when sharing-service refused a bulk decision (all or nothing: its 422 names the shares that
 * stopped it), the shares it named, marked and kept chosen.
 */
@TemplateData
public record ReviewQueueView(List<QueueRow> shares, boolean more, int within, List<String> refused, String refusal) {

    /** Also shares due within this many days (sharing-service takes 0 to 3650). */
    public static final List<Integer> WINDOWS = List.of(0, 7, 30);

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @TemplateData
    public record QueueRow(ShareRow share, boolean chosen, boolean refused) {
    }

    public static ReviewQueueView of(JsonObject due, JsonObject matters, int within, Instant now) {
        return of(due, matters, within, now, Set.of(), null);
    }

    /**
     * The queue after sharing-service refused the decisions on {@code chosen}: {@code problem} is its 422 (its type
     * says why, its detail names the shares).
     */
    public static ReviewQueueView of(JsonObject due, JsonObject matters, int within, Instant now, Set<String> chosen,
            JsonObject problem) {
        Set<String> named = new LinkedHashSet<>();
        String refusal = null;
        if (problem != null) {
            Matcher ids = ID.matcher(problem.getString("detail", ""));
            while (ids.find()) {
                named.add(ids.group());
            }
            refusal = reason(problem.getString("type", ""));
        }
        List<QueueRow> rows = new ArrayList<>();
        for (ShareRow share : SharingView.rows(due, SharingView.numbers(matters), now)) {
            rows.add(new QueueRow(share, chosen.contains(share.id()), named.remove(share.id())));
        }
        return new ReviewQueueView(rows, due.getString("nextCursor") != null, within, List.copyOf(named), refusal);
    }

    public List<Integer> windows() {
        return WINDOWS;
    }

    private static String reason(String type) {
        if (type.endsWith("/unknown-shares")) {
            return "Nothing was decided: a share chosen is not one of the firm's that you can see.";
        }
        if (type.endsWith("/share-not-active")) {
            return "Nothing was decided: a share chosen has been revoked or has expired since the list was shown.";
        }
        return "Nothing was decided: LexGuard did not accept these decisions.";
    }
}
