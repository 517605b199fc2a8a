package dev.lexguard.sharing.shares;

import io.quarkus.panache.common.Parameters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The monitoring filters, parsed ({@link ShareFilterParams#parse}); null means "any". Builds the HQL condition on
 * {@link Share} (the root) for one firm at one instant.
 */
public record ShareFilter(String resourceType, UUID matterId, UUID contactId, String contactKind, UUID sharedBy, String status,
        Instant createdAfter, Instant createdBefore, Integer expiringWithinDays, Boolean neverOpened, Integer notOpenedForDays,
        List<UUID> hiddenMatters) {

    public static final ShareFilter NONE = new ShareFilter(null, null, null, null, null, null, null, null, null, null, null,
            List.of());

    public ShareFilter {
        hiddenMatters = hiddenMatters == null ? List.of() : List.copyOf(hiddenMatters);
    }

    public ShareFilter withMatter(UUID matter) {
        return new ShareFilter(resourceType, matter, contactId, contactKind, sharedBy, status, createdAfter, createdBefore,
                expiringWithinDays, neverOpened, notOpenedForDays, hiddenMatters);
    }

    public ShareFilter withContact(UUID contact) {
        return new ShareFilter(resourceType, matterId, contact, contactKind, sharedBy, status, createdAfter, createdBefore,
                expiringWithinDays, neverOpened, notOpenedForDays, hiddenMatters);
    }

    /** The same filter leaving out the shares of these matters (those the reader is walled off). */
    public ShareFilter hiding(List<UUID> matters) {
        return new ShareFilter(resourceType, matterId, contactId, contactKind, sharedBy, status, createdAfter, createdBefore,
                expiringWithinDays, neverOpened, notOpenedForDays, matters);
    }

    /** A condition and its parameters; only parameters the condition uses are bound. */
    public record Where(String condition, Parameters params) {
    }

    public Where where(UUID firmId, Instant now) {
        StringBuilder q = new StringBuilder("firmId = :firm");
        Parameters p = Parameters.with("firm", firmId);
        boolean usesNow = false;
        if (resourceType != null) {
            q.append(" and resourceType = :resourceType");
            p.and("resourceType", resourceType);
        }
        if (matterId != null) {
            q.append(" and matterId = :matterId");
            p.and("matterId", matterId);
        }
        if (!hiddenMatters.isEmpty()) {
            q.append(" and matterId not in :hiddenMatters");
            p.and("hiddenMatters", hiddenMatters);
        }
        if (contactId != null) {
            q.append(" and contactId = :contactId");
            p.and("contactId", contactId);
        }
        if (contactKind != null) {
            q.append(" and contactId in (select c.id from Contact c where c.firmId = :firm and c.kind = :contactKind)");
            p.and("contactKind", contactKind);
        }
        if (sharedBy != null) {
            q.append(" and sharedBy = :sharedBy");
            p.and("sharedBy", sharedBy);
        }
        if (status != null) {
            usesNow = !Share.REVOKED.equals(status);
            q.append(switch (status) {
                case Share.ACTIVE -> " and status = 'active' and expiresAt > :now";
                case Share.EXPIRED -> " and (status = 'expired' or (status = 'active' and expiresAt <= :now))";
                default -> " and status = 'revoked'";
            });
        }
        if (createdAfter != null) {
            q.append(" and createdAt >= :createdAfter");
            p.and("createdAfter", createdAfter);
        }
        if (createdBefore != null) {
            q.append(" and createdAt < :createdBefore");
            p.and("createdBefore", createdBefore);
        }
        if (expiringWithinDays != null) {
            usesNow = true;
            q.append(" and status = 'active' and expiresAt > :now and expiresAt <= :expiringBy");
            p.and("expiringBy", now.plus(Duration.ofDays(expiringWithinDays)));
        }
        if (neverOpened != null) {
            q.append(neverOpened ? " and openCount = 0" : " and openCount > 0");
        }
        if (notOpenedForDays != null) {
            q.append(" and ((lastOpenedAt is null and createdAt <= :openedSince) or lastOpenedAt <= :openedSince)");
            p.and("openedSince", now.minus(Duration.ofDays(notOpenedForDays)));
        }
        if (usesNow) {
            p.and("now", now);
        }
        return new Where(q.toString(), p);
    }
}
