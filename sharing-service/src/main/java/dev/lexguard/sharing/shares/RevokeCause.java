package dev.lexguard.sharing.shares;

/** Why a share was revoked ({@code cause} of dev.lexguard.sharing.share.revoked). */
public enum RevokeCause {
    MANUAL("manual"), CONTACT_DELETED("contact-deleted"), MATTER_CLOSED("matter-closed"), REVIEW("review");

    private final String wireName;

    RevokeCause(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
