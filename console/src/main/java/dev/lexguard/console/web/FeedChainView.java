package dev.lexguard.console.web;

import io.quarkus.qute.TemplateData;
import io.vertx.core.json.JsonObject;

/**
 * The firm's hash chain as feed-service's {@code GET /api/v1/feed/verify} found it (ChainVerification): intact, or the
 * first break (position, entry, reason); the positions checked, the head; and the anchor the last retention purge left
 * (how many entries it dropped, their times, when and by whom).
 */
@TemplateData
public record FeedChainView(boolean valid, long from, long to, long checked, long headSeq, String headHash, Long breakSeq,
        String breakEntryId, String breakReason, long anchorSeq, String anchorHash, Purge lastPurge) {

    @TemplateData
    public record Purge(long purged, Long fromSeq, String oldest, String newest, String at, String byType, String byId,
            String entryId) {
    }

    public static FeedChainView of(JsonObject verification) {
        JsonObject head = verification.getJsonObject("head", new JsonObject());
        JsonObject anchor = verification.getJsonObject("anchor", new JsonObject());
        JsonObject broken = verification.getJsonObject("firstBreak");
        JsonObject purge = anchor.getJsonObject("lastPurge");
        Purge last = null;
        if (purge != null) {
            JsonObject by = purge.getJsonObject("by", new JsonObject());
            last = new Purge(purge.getLong("purged", 0L), purge.getLong("fromSeq"), purge.getString("oldestOccurredAt", ""),
                    purge.getString("newestOccurredAt", ""), purge.getString("at", ""), by.getString("type", ""),
                    by.getString("id", ""), purge.getString("entryId", ""));
        }
        return new FeedChainView(verification.getBoolean("valid", false), verification.getLong("from", 0L),
                verification.getLong("to", 0L), verification.getLong("checked", 0L), head.getLong("seq", 0L),
                head.getString("hash", ""), broken == null ? null : broken.getLong("seq"),
                broken == null ? null : broken.getString("entryId"), broken == null ? null : reason(broken.getString("reason", "")),
                anchor.getLong("seq", 0L), anchor.getString("hash", ""), last);
    }

    private static String reason(String code) {
        return switch (code) {
            case "hash-mismatch" -> "The entry's content or hash was changed";
            case "missing" -> "An entry was deleted";
            case "head-mismatch" -> "The chain's last entries were replaced or removed";
            default -> code;
        };
    }
}
