package dev.lexguard.identity.twofactor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A firm's rule: two-factor authentication required for everyone (or the members of chosen groups), after a grace period. */
@Entity
@Table(name = "two_factor_policy")
public class TwoFactorPolicy {

    @Id
    @Column(name = "firm_id")
    private UUID firmId;

    @Column(name = "required", nullable = false)
    private boolean required;

    @Column(name = "grace_days", nullable = false)
    private int graceDays;

    @Column(name = "required_since")
    private Instant requiredSince;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** Space-separated group ids: required only of their members; empty: of everyone. */
    @Column(name = "group_ids", nullable = false)
    private String groupIds = "";

    protected TwoFactorPolicy() {
    }

    TwoFactorPolicy(UUID firmId) {
        this.firmId = firmId;
    }

    /** The grace period runs from when the rule became required; changing only the days keeps that moment. */
    void set(boolean required, int graceDays, List<UUID> groups, Instant now) {
        this.groupIds = groups.stream().map(UUID::toString).distinct().collect(Collectors.joining(" "));
        if (required && !this.required) {
            this.requiredSince = now;
        }
        if (!required) {
            this.requiredSince = null;
        }
        this.required = required;
        this.graceDays = graceDays;
        this.updatedAt = now;
    }

    /** Whether a user created at {@code userCreatedAt} without a second factor is past the grace period. */
    boolean overdue(Instant userCreatedAt, Instant now) {
        if (!required) {
            return false;
        }
        Instant from = userCreatedAt.isAfter(requiredSince) ? userCreatedAt : requiredSince;
        return !now.isBefore(from.plus(Duration.ofDays(graceDays)));
    }

    /** The groups the rule applies to; empty: everyone. */
    List<UUID> groupIds() {
        return groupIds.isBlank() ? List.of() : Arrays.stream(groupIds.split(" ")).map(UUID::fromString).toList();
    }

    /** Whether the rule covers a user in these groups. */
    boolean covers(Set<UUID> userGroups) {
        List<UUID> groups = groupIds();
        return groups.isEmpty() || groups.stream().anyMatch(userGroups::contains);
    }

    boolean required() {
        return required;
    }

    int graceDays() {
        return graceDays;
    }

    Instant requiredSince() {
        return requiredSince;
    }
}
