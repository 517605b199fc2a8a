package dev.lexguard.sharing.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import dev.lexguard.sharing.contactrecords.ContactKind;
import java.time.Instant;
import java.util.UUID;

/** A firm's sharing policy. A firm that never set one has {@link #defaults}. */
@Entity
@Table(name = "sharing_policy")
public class SharingPolicy {

    public static final int DEFAULT_WARNING_DAYS = 7;
    public static final int DEFAULT_OVERDUE_AFTER_DAYS = 14;

    @Id
    @Column(name = "firm_id")
    private UUID firmId;

    @Column(name = "expiry_days_client", nullable = false)
    private int expiryDaysClient;

    @Column(name = "expiry_days_co_counsel", nullable = false)
    private int expiryDaysCoCounsel;

    @Column(name = "expiry_days_expert", nullable = false)
    private int expiryDaysExpert;

    @Column(name = "expiry_days_other", nullable = false)
    private int expiryDaysOther;

    @Column(name = "review_days_client", nullable = false)
    private int reviewDaysClient;

    @Column(name = "review_days_co_counsel", nullable = false)
    private int reviewDaysCoCounsel;

    @Column(name = "review_days_expert", nullable = false)
    private int reviewDaysExpert;

    @Column(name = "review_days_other", nullable = false)
    private int reviewDaysOther;

    @Column(name = "expiry_warning_days", nullable = false)
    private int expiryWarningDays;

    @Column(name = "warning_days_client")
    private Integer warningDaysClient;

    @Column(name = "warning_days_co_counsel")
    private Integer warningDaysCoCounsel;

    @Column(name = "warning_days_expert")
    private Integer warningDaysExpert;

    @Column(name = "warning_days_other")
    private Integer warningDaysOther;

    @Column(name = "review_overdue_after_days", nullable = false)
    private int reviewOverdueAfterDays;

    @Column(name = "revoke_on_matter_close", nullable = false)
    private boolean revokeOnMatterClose;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by")
    private UUID updatedBy;

    protected SharingPolicy() {
    }

    /** Clients a year, co-counsel six months, experts three months, others a month; reviews every 180/90/90/30 days. */
    public static SharingPolicy defaults(UUID firmId) {
        SharingPolicy p = new SharingPolicy();
        p.firmId = firmId;
        p.apply(new PolicyRequest(new KindDays(365, 180, 90, 30), new KindDays(180, 90, 90, 30), DEFAULT_WARNING_DAYS,
                DEFAULT_OVERDUE_AFTER_DAYS, true, KindWarningDays.NONE), null, Instant.EPOCH);
        return p;
    }

    public final void apply(PolicyRequest r, UUID by, Instant now) {
        expiryDaysClient = r.defaultExpiryDays().client();
        expiryDaysCoCounsel = r.defaultExpiryDays().coCounsel();
        expiryDaysExpert = r.defaultExpiryDays().expert();
        expiryDaysOther = r.defaultExpiryDays().other();
        reviewDaysClient = r.reviewIntervalDays().client();
        reviewDaysCoCounsel = r.reviewIntervalDays().coCounsel();
        reviewDaysExpert = r.reviewIntervalDays().expert();
        reviewDaysOther = r.reviewIntervalDays().other();
        expiryWarningDays = r.expiryWarningDays();
        if (r.expiryWarningDaysByKind() != null) {
            warningDaysClient = r.expiryWarningDaysByKind().client();
            warningDaysCoCounsel = r.expiryWarningDaysByKind().coCounsel();
            warningDaysExpert = r.expiryWarningDaysByKind().expert();
            warningDaysOther = r.expiryWarningDaysByKind().other();
        }
        reviewOverdueAfterDays = r.reviewOverdueAfterDays();
        revokeOnMatterClose = r.revokeOnMatterClose();
        updatedBy = by;
        updatedAt = now;
    }

    public UUID firmId() {
        return firmId;
    }

    public KindDays defaultExpiryDays() {
        return new KindDays(expiryDaysClient, expiryDaysCoCounsel, expiryDaysExpert, expiryDaysOther);
    }

    public KindDays reviewIntervalDays() {
        return new KindDays(reviewDaysClient, reviewDaysCoCounsel, reviewDaysExpert, reviewDaysOther);
    }

    public int expiryWarningDays() {
        return expiryWarningDays;
    }

    /** The kinds' own warning periods (null where the firm-wide one applies). */
    public KindWarningDays expiryWarningDaysByKind() {
        return new KindWarningDays(warningDaysClient, warningDaysCoCounsel, warningDaysExpert, warningDaysOther);
    }

    /** How many days before expiry a share with a contact of this kind is announced as expiring. */
    public int expiryWarningDays(ContactKind kind) {
        Integer own = expiryWarningDaysByKind().of(kind);
        return own != null ? own : expiryWarningDays;
    }

    public int reviewOverdueAfterDays() {
        return reviewOverdueAfterDays;
    }

    public boolean revokeOnMatterClose() {
        return revokeOnMatterClose;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public UUID updatedBy() {
        return updatedBy;
    }
}
