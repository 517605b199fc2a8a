package dev.lexguard.sharing.shares;

import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.outbox.EventDraft;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import dev.lexguard.platform.web.problem.ConflictProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import dev.lexguard.sharing.Database;
import dev.lexguard.sharing.SharingEvents;
import dev.lexguard.sharing.access.MatterAccess;
import dev.lexguard.sharing.access.MatterClosings;
import dev.lexguard.sharing.contactrecords.Contact;
import dev.lexguard.sharing.contactrecords.ContactKind;
import dev.lexguard.sharing.contactrecords.ContactRepository;
import dev.lexguard.sharing.policy.PolicyRepository;
import dev.lexguard.sharing.policy.SharingPolicy;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Shares: the sharing rules, expiry, extension, revocation, and the monitoring lists. Every state change commits
 * with its event (outbox).
 */
@ApplicationScoped
public class ShareService implements MatterClosings {

    private final ShareRepository shares;
    private final ContactRepository contacts;
    private final PolicyRepository policies;
    private final MatterAccess access;
    private final OutboxWriter outbox;

    public ShareService(ShareRepository shares, ContactRepository contacts, PolicyRepository policies, MatterAccess access,
            OutboxWriter outbox) {
        this.shares = shares;
        this.contacts = contacts;
        this.policies = policies;
        this.access = access;
        this.outbox = outbox;
    }

    /**
     * Shares a resource of a matter with a contact. The sharer must be able to see the matter now (this service's
     * projection of permissions-service); the matter must not be closed; the contact must be the firm's and not
     * deleted; an explicit expiry must be in the future. The contact's first share asks identity-service for a
     * portal account ({@code contact.portalAccessRequested}).
     */
    @WithTransaction
    public Uni<ShareResponse> create(UUID firmId, UUID actorId, ShareRequest request) {
        Instant now = Database.now();
        if (request.expiresAt() != null && !request.expiresAt().toInstant().isAfter(now)) {
            return Uni.createFrom().failure(new BusinessRuleProblem("expiry-in-past", "expiresAt must be in the future"));
        }
        return contacts.lockInFirm(firmId, request.contactId())
                .onItem().ifNull().failWith(() -> new BusinessRuleProblem("unknown-contact", "contactId is not a contact of this firm"))
                .invoke(contact -> {
                    if (contact.deleted()) {
                        throw new BusinessRuleProblem("contact-deleted", "The contact was deleted; nothing can be shared with it");
                    }
                })
                .call(contact -> access.view(firmId, actorId, request.matterId()).invoke(view -> {
                    // a matter the sharer may not see (walled, restricted) is answered exactly as one that does not exist
                    if (!view.facts().matterKnown() || !view.allowed()) {
                        throw new BusinessRuleProblem("unknown-matter", "matterId is not a matter of this firm that you can see");
                    }
                    if (view.closed()) {
                        throw new BusinessRuleProblem("matter-closed", "The matter is closed; nothing can be shared from it");
                    }
                }))
                .chain(contact -> policies.forFirm(firmId).chain(policy -> {
                    ContactKind kind = ContactKind.of(contact.kind());
                    Instant expiresAt = request.expiresAt() != null ? request.expiresAt().toInstant().truncatedTo(ChronoUnit.MICROS)
                            : now.plus(Duration.ofDays(policy.defaultExpiryDays().of(kind)));
                    Instant nextReview = now.plus(Duration.ofDays(policy.reviewIntervalDays().of(kind)));
                    Share share = new Share(UUID.randomUUID(), firmId, request, actorId, now, expiresAt, nextReview);
                    Uni<Void> invite = contact.requestPortalAccess(now)
                            ? outbox.append(EventDraft.of(SharingEvents.PORTAL_ACCESS_REQUESTED, contact.id().toString(), firmId,
                                    actorId.toString(), ActorType.USER,
                                    Map.of("contactId", contact.id(), "email", contact.email(), "name", contact.name(), "kind", contact.kind())))
                            : Uni.createFrom().voidItem();
                    return shares.persist(share)
                            .call(() -> invite)
                            .call(() -> outbox.append(SharingEvents.aboutShare(SharingEvents.SHARE_CREATED, share.id(), firmId,
                                    share.matterId(), actorId.toString(), ActorType.USER, ShareEventData.of(share)
                                            .with("message", share.message()).with("contactKind", contact.kind())
                                            .with("nextReviewAt", share.nextReviewAt()))))
                            .map(s -> ShareResponse.of(s, contact, now, policy.reviewOverdueAfterDays()));
                }));
    }

    /** Administrators and users who can see the share's matter now; anyone else gets a 404. */
    @WithSession
    public Uni<ShareResponse> read(UUID firmId, UUID actorId, UUID shareId) {
        return manageable(firmId, actorId, shareId).chain(this::respond);
    }

    @WithTransaction
    public Uni<ShareResponse> revoke(UUID firmId, UUID actorId, UUID shareId, String reason) {
        Instant now = Database.now();
        return manageable(firmId, actorId, shareId)
                .invoke(share -> requireActive(share, now))
                .call(share -> revoke(share, actorId, reason.strip(), RevokeCause.MANUAL, actorId.toString(), ActorType.USER, now))
                .chain(this::respond);
    }

    @WithTransaction
    public Uni<ShareResponse> extend(UUID firmId, UUID actorId, UUID shareId, Instant expiresAt) {
        Instant now = Database.now();
        if (!expiresAt.isAfter(now)) {
            return Uni.createFrom().failure(new BusinessRuleProblem("expiry-in-past", "expiresAt must be in the future"));
        }
        return manageable(firmId, actorId, shareId)
                .invoke(share -> requireActive(share, now))
                .call(share -> changeExpiry(share, expiresAt, actorId))
                .chain(this::respond);
    }

    /**
     * The one-click extend: the share expires the default expiry of its contact's kind from now, as a share made today
     * would (the same base as {@link #create}). It never shortens a share: when that is not later than the current
     * expiry, 409 {@code expiry-beyond-default} (an explicit {@code expiresAt} can still move it).
     */
    @WithTransaction
    public Uni<ShareResponse> extendByDefault(UUID firmId, UUID actorId, UUID shareId) {
        Instant now = Database.now();
        return manageable(firmId, actorId, shareId)
                .invoke(share -> requireActive(share, now))
                .call(share -> contacts.findInFirm(firmId, share.contactId()).chain(contact -> policies.forFirm(firmId).chain(policy -> {
                    Instant expiresAt = defaultExtension(policy, contact, now);
                    if (!expiresAt.isAfter(share.expiresAt())) {
                        throw new ConflictProblem("expiry-beyond-default", "The share already expires at " + share.expiresAt()
                                + ", after the default of " + policy.defaultExpiryDays().of(ContactKind.of(contact.kind())) + " days for a "
                                + contact.kind() + "; send expiresAt to change it");
                    }
                    return changeExpiry(share, expiresAt, actorId);
                })))
                .chain(this::respond);
    }

    /** When a share with this contact expires if extended by its kind's default expiry now. */
    public static Instant defaultExtension(SharingPolicy policy, Contact contact, Instant now) {
        return now.plus(Duration.ofDays(policy.defaultExpiryDays().of(ContactKind.of(contact.kind()))));
    }

    /** Sets a new expiry on an active share and publishes {@code share.extended}; joins the caller's transaction. */
    public Uni<Void> changeExpiry(Share share, Instant expiresAt, UUID actorId) {
        Instant previous = share.expiresAt();
        share.changeExpiry(expiresAt.truncatedTo(ChronoUnit.MICROS));
        return outbox.append(SharingEvents.aboutShare(SharingEvents.SHARE_EXTENDED, share.id(), share.firmId(), share.matterId(),
                actorId.toString(), ActorType.USER, ShareEventData.of(share).with("previousExpiresAt", previous)));
    }

    /** Revokes one share and publishes {@code share.revoked}; joins the caller's transaction. */
    public Uni<Void> revoke(Share share, UUID by, String reason, RevokeCause cause, String actorId, ActorType actorType, Instant now) {
        share.revoke(by, reason, now);
        return outbox.append(SharingEvents.aboutShare(SharingEvents.SHARE_REVOKED, share.id(), share.firmId(), share.matterId(), actorId,
                actorType, ShareEventData.of(share).with("reason", reason).with("cause", cause.wireName()).with("revokedBy", by)));
    }

    /** Revokes every live share of a deleted contact; joins the caller's transaction. */
    public Uni<Void> revokeAllOfContact(UUID firmId, UUID contactId, RevokeCause cause, String actorId, ActorType actorType) {
        return shares.activeOfContact(firmId, contactId).chain(list -> revokeAll(list, cause, "The contact was deleted", actorId, actorType));
    }

    /** A matter closed: its live shares are revoked if the firm's policy says so. Joins the consumer's transaction. */
    @Override
    public Uni<Void> matterClosed(UUID firmId, UUID matterId, String actorId) {
        return policies.forFirm(firmId).chain(policy -> {
            if (!policy.revokeOnMatterClose()) {
                return Uni.createFrom().voidItem();
            }
            return shares.activeOfMatter(firmId, matterId)
                    .chain(list -> revokeAll(list, RevokeCause.MATTER_CLOSED, "The matter was closed", SharingEvents.system(), ActorType.SYSTEM));
        });
    }

    private Uni<Void> revokeAll(List<Share> list, RevokeCause cause, String reason, String actorId, ActorType actorType) {
        Instant now = Database.now();
        UUID by = actorType == ActorType.USER ? parseOrNull(actorId) : null;
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Share share : list) {
            if (share.activeAt(now)) {
                chain = chain.call(() -> revoke(share, by, reason, cause, actorId, actorType, now));
            }
        }
        return chain;
    }

    @WithSession
    public Uni<List<ShareResponse>> page(UUID firmId, UUID actorId, ShareFilter filter, Optional<Map<String, String>> after, int rows) {
        Instant now = Database.now();
        return authorizeList(firmId, actorId, filter)
                .chain(visible -> shares.page(firmId, visible, now, after, rows))
                .chain(list -> responses(firmId, list, now));
    }

    @WithSession
    public Uni<List<ShareResponse>> export(UUID firmId, UUID actorId, ShareFilter filter) {
        Instant now = Database.now();
        return authorizeList(firmId, actorId, filter)
                .chain(visible -> shares.export(firmId, visible, now))
                .chain(list -> responses(firmId, list, now));
    }

    @WithSession
    public Uni<ShareSummary> summary(UUID firmId, UUID actorId, ShareFilter filter) {
        Instant now = Database.now();
        return authorizeList(firmId, actorId, filter)
                .chain(visible -> policies.forFirm(firmId).chain(policy -> shares.summary(firmId, visible, now,
                        kind -> now.plus(Duration.ofDays(policy.expiryWarningDays(kind))))));
    }

    /** Contact lists must name a contact of the firm (404 otherwise). */
    @WithSession
    public Uni<Void> requireContact(UUID firmId, UUID contactId) {
        return contacts.findInFirm(firmId, contactId).onItem().ifNull().failWith(NotFoundProblem::new).replaceWithVoid();
    }

    /**
     * The filter the caller may read with. The list of one matter (fixed by the path) is for users who can see the
     * matter, administrators included unless the matter blocks them; another firm's matter or none at all is a 404.
     * The firm-wide and per-contact lists are for administrators, without the matters that block them.
     */
    private Uni<ShareFilter> authorizeList(UUID firmId, UUID actorId, ShareFilter filter) {
        if (filter.matterId() != null) {
            return access.requireViewer(firmId, actorId, filter.matterId()).replaceWith(filter);
        }
        return access.requireAdministratorWalledFrom(firmId, actorId).map(filter::hiding);
    }

    public Uni<List<ShareResponse>> responses(UUID firmId, List<Share> list, Instant now) {
        List<UUID> ids = list.stream().map(Share::contactId).distinct().toList();
        return contacts.inFirm(firmId, ids).chain(found -> policies.forFirm(firmId).map(policy -> {
            Map<UUID, Contact> byId = found.stream().collect(Collectors.toMap(Contact::id, Function.identity()));
            return list.stream().map(s -> ShareResponse.of(s, byId.get(s.contactId()), now, policy.reviewOverdueAfterDays())).toList();
        }));
    }

    private Uni<ShareResponse> respond(Share share) {
        return responses(share.firmId(), List.of(share), Database.now()).map(list -> list.get(0));
    }

    private Uni<Share> manageable(UUID firmId, UUID actorId, UUID shareId) {
        return shares.findInFirm(firmId, shareId)
                .onItem().ifNull().failWith(NotFoundProblem::new)
                .call(share -> access.requireViewer(firmId, actorId, share.matterId()));
    }

    private static void requireActive(Share share, Instant now) {
        if (!share.activeAt(now)) {
            throw new ConflictProblem("share-not-active", "The share is " + share.statusAt(now) + "; only an active share can change");
        }
    }

    private static UUID parseOrNull(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The firm's policy in the caller's session (reviews use it too). */
    public Uni<SharingPolicy> policy(UUID firmId) {
        return policies.forFirm(firmId);
    }
}
