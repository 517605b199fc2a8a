package dev.lexguard.sharing.shares;

/**
 * Counts over the shares matching a filter: all of them, by status now, active ones expiring within the firm's
 * warning period, active ones never opened and active ones due for review.
 */
public record ShareSummary(long total, long active, long expired, long revoked, long expiringSoon, long neverOpened, long reviewDue) {
}
