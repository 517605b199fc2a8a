package dev.lexguard.mailer;

/** Every mail the mailer sends: the template (under templates/) and the subject line. */
public enum MailKind {

    INVITATION("invitation", "You are invited to {firm} on LexGuard"),
    PASSWORD_RESET("password-reset", "Reset your LexGuard password"),
    PORTAL_INVITATION("portal-invitation", "{firm} shared documents with you"),
    PORTAL_PASSWORD_RESET("portal-password-reset", "Reset your client portal password"),
    EMAIL_IN_USE("email-in-use", "Someone tried to sign up with your address"),
    UNUSUAL_SIGN_IN("unusual-sign-in", "Unusual sign-in to your {firm} account"),
    SHARE_EXPIRING("share-expiring", "A share ends in {days} days: {title}"),
    SHARE_REVIEW("share-review", "Review a share: {title}"),
    SHARE_REVIEW_OVERDUE("share-review-overdue", "Overdue: review the share {title}"),
    FEED_REVIEW("feed-review", "The {firm} feed review is due"),
    FEED_REVIEW_OVERDUE("feed-review-overdue", "Overdue: the {firm} feed review");

    private final String template;
    private final String subject;

    MailKind(String template, String subject) {
        this.template = template;
        this.subject = subject;
    }

    public String template() {
        return template + ".txt";
    }

    /** The subject line; {@code {name}} placeholders are filled from the same values as the template. */
    public String subject() {
        return subject;
    }

    /** The name stored with each delivery, e.g. {@code unusual-sign-in}. */
    public String id() {
        return template;
    }
}
