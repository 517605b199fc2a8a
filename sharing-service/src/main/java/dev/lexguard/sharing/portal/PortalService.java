package dev.lexguard.sharing.portal;

import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import dev.lexguard.sharing.Database;
import dev.lexguard.sharing.SharingEvents;
import dev.lexguard.sharing.contactrecords.ContactRepository;
import dev.lexguard.sharing.shares.Share;
import dev.lexguard.sharing.shares.ShareEventData;
import dev.lexguard.sharing.shares.ShareRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a contact sees in the portal: only its own shares that are active at the moment of the request (revoked
 * and expired ones are 404 at once), each open recorded with its event.
 */
@ApplicationScoped
public class PortalService {

    static final String LIVE = "firmId = :firm and contactId = :contact and status = 'active' and expiresAt > :now"
            + " and contactId in (select c.id from Contact c where c.firmId = :firm and c.deletedAt is null)";

    private final ShareRepository shares;
    private final ContactRepository contacts;
    private final ShareOpenRepository opens;
    private final OutboxWriter outbox;

    public PortalService(ShareRepository shares, ContactRepository contacts, ShareOpenRepository opens, OutboxWriter outbox) {
        this.shares = shares;
        this.contacts = contacts;
        this.opens = opens;
        this.outbox = outbox;
    }

    @WithSession
    public Uni<List<PortalShareResponse>> page(UUID firmId, UUID contactId, Optional<Map<String, String>> after, int rows) {
        Parameters p = Parameters.with("firm", firmId).and("contact", contactId).and("now", Database.now());
        StringBuilder q = new StringBuilder(LIVE);
        if (after.isPresent()) {
            q.append(" and (createdAt < :afterCreated or (createdAt = :afterCreated and id < :afterId))");
            p.and("afterCreated", Instant.parse(after.get().get("createdAt"))).and("afterId", UUID.fromString(after.get().get("id")));
        }
        return shares.find(q.append(" order by createdAt desc, id desc").toString(), p).range(0, rows - 1).list()
                .map(list -> list.stream().map(PortalShareResponse::of).toList());
    }

    /** Opens one of the contact's live shares: records the open (time, IP, user agent) and publishes share.opened. */
    @WithTransaction
    public Uni<PortalShareResponse> open(UUID firmId, UUID contactId, UUID shareId, String ip, String userAgent) {
        Instant now = Database.now();
        return shares.find(LIVE + " and id = :id", Parameters.with("firm", firmId).and("contact", contactId).and("now", now)
                        .and("id", shareId)).<Share>firstResult()
                .onItem().ifNull().failWith(NotFoundProblem::new)
                .chain(share -> contacts.findInFirm(firmId, contactId).chain(contact -> {
                    share.opened(now);
                    return opens.persist(new ShareOpen(firmId, share.id(), contactId, now, ip, userAgent))
                            .call(() -> outbox.append(SharingEvents.aboutShare(SharingEvents.SHARE_OPENED, share.id(), firmId,
                                    share.matterId(), contactId.toString(), ActorType.CONTACT, ShareEventData.of(share)
                                            .with("openedAt", now).with("ip", ip).with("userAgent", userAgent)
                                            .with("contactName", contact.name()))))
                            .map(ignored -> PortalShareResponse.of(share));
                }));
    }
}
