package dev.lexguard.feed.review;

/** The event types of feed reviews, published on lexguard.feed.events through feed-service's outbox. */
public final class ReviewEvents {

    /** A review was recorded; also an entry of the firm's feed (security, administrators). */
    public static final String COMPLETED = "dev.lexguard.feed.review.completed";
    /** The firm's review period ended without a review: once per period, for mailers. */
    public static final String DUE = "dev.lexguard.feed.review.due";
    /** The review is past due by the grace period (lexguard.feed.review.overdue-after): once per period, for mailers. */
    public static final String OVERDUE = "dev.lexguard.feed.review.overdue";

    private ReviewEvents() {
    }
}
