package dev.lexguard.sharing.review;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ShareReviewRepository implements PanacheRepositoryBase<ShareReview, UUID> {

    /** Rows of a review report at most. */
    public static final int REPORT_LIMIT = 10_000;

    public Uni<List<ShareReview>> decidedBetween(UUID firmId, Instant from, Instant to) {
        return find("firmId = ?1 and decidedAt >= ?2 and decidedAt < ?3 order by decidedAt, id", firmId, from, to)
                .range(0, REPORT_LIMIT - 1).list();
    }
}
