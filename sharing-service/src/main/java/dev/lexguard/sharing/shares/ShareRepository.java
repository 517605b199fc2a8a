package dev.lexguard.sharing.shares;

import dev.lexguard.sharing.contactrecords.ContactKind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

@ApplicationScoped
public class ShareRepository implements PanacheRepositoryBase<Share, UUID> {

    /** Rows of a CSV export at most; a bigger export needs narrower filters. */
    public static final int EXPORT_LIMIT = 10_000;

    public Uni<Share> findInFirm(UUID firmId, UUID shareId) {
        return find("id = ?1 and firmId = ?2", shareId, firmId).firstResult();
    }

    public Uni<List<Share>> inFirm(UUID firmId, Collection<UUID> ids) {
        return list("firmId = ?1 and id in ?2", firmId, ids);
    }

    /** The shares of a contact or of a matter that are still recorded as active (expired ones included, to mark them). */
    public Uni<List<Share>> activeOfContact(UUID firmId, UUID contactId) {
        return list("firmId = ?1 and contactId = ?2 and status = 'active' order by createdAt, id", firmId, contactId);
    }

    public Uni<List<Share>> activeOfMatter(UUID firmId, UUID matterId) {
        return list("firmId = ?1 and matterId = ?2 and status = 'active' order by createdAt, id", firmId, matterId);
    }

    /** One page (plus one row), newest first, of the shares matching the filter. */
    public Uni<List<Share>> page(UUID firmId, ShareFilter filter, Instant now, Optional<Map<String, String>> after, int rows) {
        ShareFilter.Where where = filter.where(firmId, now);
        StringBuilder q = new StringBuilder(where.condition());
        Parameters p = where.params();
        if (after.isPresent()) {
            q.append(" and (createdAt < :afterCreated or (createdAt = :afterCreated and id < :afterId))");
            p.and("afterCreated", Instant.parse(after.get().get("createdAt"))).and("afterId", UUID.fromString(after.get().get("id")));
        }
        return find(q.append(" order by createdAt desc, id desc").toString(), p).range(0, rows - 1).list();
    }

    public Uni<List<Share>> export(UUID firmId, ShareFilter filter, Instant now) {
        ShareFilter.Where where = filter.where(firmId, now);
        return find(where.condition() + " order by createdAt desc, id desc", where.params()).range(0, EXPORT_LIMIT - 1).list();
    }

    /**
     * Counts of the shares matching the filter, by status as of {@code now}; expiring soon means by the instant
     * {@code soon} gives for the contact's kind (now plus the kind's warning period).
     */
    public Uni<ShareSummary> summary(UUID firmId, ShareFilter filter, Instant now, Function<ContactKind, Instant> soon) {
        ShareFilter.Where where = filter.where(firmId, now);
        String active = "status = 'active' and expiresAt > :now";
        String hql = "select count(*), "
                + "coalesce(sum(case when " + active + " then 1 else 0 end), 0), "
                + "coalesce(sum(case when status = 'expired' or (status = 'active' and expiresAt <= :now) then 1 else 0 end), 0), "
                + "coalesce(sum(case when status = 'revoked' then 1 else 0 end), 0), "
                + "coalesce(sum(case when " + active + " and expiresAt <= (case (select c.kind from Contact c where c.id = contactId) "
                + "when 'client' then cast(:soonClient as Instant) when 'co-counsel' then cast(:soonCoCounsel as Instant) "
                + "when 'expert' then cast(:soonExpert as Instant) else cast(:soonOther as Instant) end) then 1 else 0 end), 0), "
                + "coalesce(sum(case when " + active + " and openCount = 0 then 1 else 0 end), 0), "
                + "coalesce(sum(case when " + active + " and nextReviewAt <= :now then 1 else 0 end), 0) "
                + "from Share where " + where.condition();
        Map<String, Object> params = new HashMap<>(where.params().map());
        params.put("now", now);
        params.put("soonClient", soon.apply(ContactKind.CLIENT));
        params.put("soonCoCounsel", soon.apply(ContactKind.CO_COUNSEL));
        params.put("soonExpert", soon.apply(ContactKind.EXPERT));
        params.put("soonOther", soon.apply(ContactKind.OTHER));
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery(hql, Object[].class);
            params.forEach(query::setParameter);
            return query.getSingleResult();
        }).map(r -> new ShareSummary(n(r[0]), n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5]), n(r[6])));
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
