package dev.lexguard.console.web;

import io.quarkus.qute.TemplateData;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One share as its contact sees it in the portal, from sharing-service's portal answer (id, resourceType, resourceId,
 * title, accessLevel, message, sharedAt, expiresAt): what it is, what they may do with it, when it was shared and until
 * when they can open it (marked when that is within a week).
 */
@TemplateData
public record PortalShareView(String id, String title, String resourceType, String resourceId, String accessLevel, String message,
        String shared, String sharedAt, String expires, String expiresAt, boolean soon) {

    /** Expiring within this many days: the contact is told so on the list and the share. */
    public static final int SOON_DAYS = 7;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    public static PortalShareView of(JsonObject share, Instant now) {
        String expiresAt = share.getString("expiresAt");
        Instant expiry = Json.instant(expiresAt);
        Instant sharedAt = Json.instant(share.getString("sharedAt"));
        return new PortalShareView(share.getString("id"), Json.orElse(share.getString("title"), "An item"),
                Json.orElse(share.getString("resourceType"), "item"), share.getString("resourceId", ""),
                Json.orElse(share.getString("accessLevel"), "view"), Json.orElse(share.getString("message"), null),
                sharedAt == null ? "" : DAY.format(sharedAt), Json.orElse(share.getString("sharedAt"), ""),
                expiry == null ? "never" : DAY.format(expiry), Json.orElse(expiresAt, ""),
                expiry != null && expiry.isBefore(now.plus(Duration.ofDays(SOON_DAYS))));
    }

    /** A page of the contact's shares, as sharing-service lists them (newest first). */
    public static List<PortalShareView> page(JsonObject page, Instant now) {
        List<PortalShareView> shares = new ArrayList<>();
        for (JsonObject share : Json.items(page)) {
            shares.add(of(share, now));
        }
        return shares;
    }
}
