package dev.lexguard.sharing.review;

import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BadRequestProblem;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import dev.lexguard.platform.web.problem.FieldError;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import dev.lexguard.sharing.Database;
import dev.lexguard.sharing.SharingEvents;
import dev.lexguard.sharing.access.MatterAccess;
import dev.lexguard.sharing.contactrecords.Contact;
import dev.lexguard.sharing.contactrecords.ContactKind;
import dev.lexguard.sharing.contactrecords.ContactRepository;
import dev.lexguard.sharing.policy.SharingPolicy;
import dev.lexguard.sharing.shares.RevokeCause;
import dev.lexguard.sharing.shares.Share;
import dev.lexguard.sharing.shares.ShareEventData;
import dev.lexguard.sharing.shares.ShareRepository;
import dev.lexguard.sharing.shares.ShareResponse;
import dev.lexguard.sharing.shares.ShareService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Share reviews: the due list, decisions (one or many, all or nothing) kept as evidence, and the report. Administrators only. */
@ApplicationScoped
public class ReviewService {

    private final ShareRepository shares;
    private final ShareService shareService;
    private final ShareReviewRepository reviews;
    private final ContactRepository contacts;
    private final MatterAccess access;
    private final OutboxWriter outbox;

    public ReviewService(ShareRepository shares, ShareService shareService, ShareReviewRepository reviews, ContactRepository contacts,
            MatterAccess access, OutboxWriter outbox) {
        this.shares = shares;
        this.shareService = shareService;
        this.reviews = reviews;
        this.contacts = contacts;
        this.access = access;
        this.outbox = outbox;
    }

    /**
     * Active shares whose next review is due now or within {@code withinDays}, earliest first; not those of matters
     * whose access list blocks the reviewer (a block beats every allow, administrators included).
     */
    @WithSession
    public Uni<List<ShareResponse>> due(UUID firmId, UUID actorId, int withinDays, Optional<Map<String, String>> after, int rows) {
        Instant now = Database.now();
        Parameters p = Parameters.with("firm", firmId).and("now", now).and("by", now.plus(Duration.ofDays(withinDays)));
        StringBuilder q = new StringBuilder("firmId = :firm and status = 'active' and expiresAt > :now and nextReviewAt <= :by");
        if (after.isPresent()) {
            q.append(" and (nextReviewAt > :afterReview or (nextReviewAt = :afterReview and id > :afterId))");
            p.and("afterReview", Instant.parse(after.get().get("nextReviewAt"))).and("afterId", UUID.fromString(after.get().get("id")));
        }
        return access.requireAdministratorWalledFrom(firmId, actorId)
                .chain(blocked -> {
                    if (!blocked.isEmpty()) {
                        q.append(" and matterId not in :blocked");
                        p.and("blocked", blocked);
                    }
                    return shares.find(q.append(" order by nextReviewAt, id").toString(), p).range(0, rows - 1).list();
                })
                .chain(list -> shareService.responses(firmId, list, now));
    }

    /**
     * Applies the decisions, all or none: every share must be the firm's (else 422 {@code unknown-shares} naming
     * them) and active, a change-expiry's {@code expiresAt} must be in the future; a change-expiry without one
     * extends by the default expiry of the contact's kind from now and must not shorten the share (422
     * {@code expiry-beyond-default} naming them); only then is anything written.
     */
    @WithTransaction
    public Uni<List<DecisionResponse>> decide(UUID firmId, UUID actorId, List<DecisionRequest> decisions) {
        Instant now = Database.now();
        List<FieldError> errors = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < decisions.size(); i++) {
            DecisionRequest d = decisions.get(i);
            if (!seen.add(d.shareId())) {
                errors.add(new FieldError("decisions[" + i + "].shareId", "appears more than once"));
            }
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(new BadRequestProblem("validation-failed", "The request has invalid fields", errors));
        }
        for (DecisionRequest d : decisions) {
            if ("change-expiry".equals(d.decision()) && d.expiresAt() != null && !d.expiresAt().toInstant().isAfter(now)) {
                return Uni.createFrom().failure(new BusinessRuleProblem("expiry-in-past",
                        "expiresAt of share " + d.shareId() + " must be in the future"));
            }
        }
        return access.requireAdministratorWalledFrom(firmId, actorId)
                .chain(blocked -> shares.inFirm(firmId, seen)
                        .map(all -> all.stream().filter(share -> !blocked.contains(share.matterId())).toList()))
                .chain(found -> {
                    // a share of a matter that blocks the reviewer is, for them, no share of this firm
                    Map<UUID, Share> byId = found.stream().collect(Collectors.toMap(Share::id, Function.identity()));
                    List<UUID> unknown = decisions.stream().map(DecisionRequest::shareId).filter(id -> !byId.containsKey(id)).toList();
                    if (!unknown.isEmpty()) {
                        throw new BusinessRuleProblem("unknown-shares", "No share of this firm has the id(s) " + join(unknown)
                                + "; nothing was applied");
                    }
                    List<UUID> inactive = decisions.stream().map(DecisionRequest::shareId).filter(id -> !byId.get(id).activeAt(now)).toList();
                    if (!inactive.isEmpty()) {
                        throw new BusinessRuleProblem("share-not-active", "Share(s) " + join(inactive)
                                + " are revoked or expired; nothing was applied");
                    }
                    List<UUID> contactIds = found.stream().map(Share::contactId).distinct().toList();
                    return contacts.inFirm(firmId, contactIds).chain(cs -> shareService.policy(firmId).chain(policy -> {
                        Map<UUID, Contact> contactById = cs.stream().collect(Collectors.toMap(Contact::id, Function.identity()));
                        // an extension by the kind's default never shortens a share
                        List<UUID> beyond = decisions.stream().filter(ReviewService::byKindDefault).map(DecisionRequest::shareId)
                                .filter(id -> !ShareService.defaultExtension(policy, contactById.get(byId.get(id).contactId()), now)
                                        .isAfter(byId.get(id).expiresAt()))
                                .toList();
                        if (!beyond.isEmpty()) {
                            throw new BusinessRuleProblem("expiry-beyond-default", "Share(s) " + join(beyond) + " already expire after "
                                    + "the default expiry of their contact's kind from now; give them an expiresAt; nothing was applied");
                        }
                        Uni<List<DecisionResponse>> chain = Uni.createFrom().<List<DecisionResponse>>item(new ArrayList<>());
                        for (DecisionRequest d : decisions) {
                            Share share = byId.get(d.shareId());
                            Contact contact = contactById.get(share.contactId());
                            chain = chain.call(list -> apply(share, contact, d, actorId, policy, now).invoke(list::add));
                        }
                        return chain;
                    }));
                });
    }

    /** One share's decision; an unknown or foreign share is a 404 here (the share is the path's object). */
    @WithTransaction
    public Uni<DecisionResponse> decideOne(UUID firmId, UUID actorId, UUID shareId, ShareDecisionRequest request) {
        return access.requireAdministrator(firmId, actorId)
                .chain(() -> shares.findInFirm(firmId, shareId))
                .onItem().ifNull().failWith(NotFoundProblem::new)
                .call(share -> access.requireViewer(firmId, actorId, share.matterId()))
                .chain(() -> decide(firmId, actorId, List.of(new DecisionRequest(shareId, request.decision(), request.expiresAt(),
                        request.note()))))
                .map(list -> list.get(0));
    }

    private Uni<DecisionResponse> apply(Share share, Contact contact, DecisionRequest d, UUID actorId, SharingPolicy policy, Instant now) {
        Instant wasDue = share.nextReviewAt();
        Instant previousExpiry = share.expiresAt();
        String note = d.note() == null || d.note().isBlank() ? null : d.note().strip();
        Instant nextReview = "revoke".equals(d.decision()) ? null
                : now.plus(Duration.ofDays(policy.reviewIntervalDays().of(ContactKind.of(contact.kind()))));
        Uni<Void> effect = switch (d.decision()) {
            case "keep" -> Uni.createFrom().voidItem();
            case "revoke" -> shareService.revoke(share, actorId, note == null ? "Revoked at review" : note, RevokeCause.REVIEW,
                    actorId.toString(), ActorType.USER, now);
            default -> shareService.changeExpiry(share, byKindDefault(d) ? ShareService.defaultExtension(policy, contact, now)
                    : d.expiresAt().toInstant(), actorId);
        };
        return effect.chain(() -> {
            if (nextReview != null) {
                share.reviewed(nextReview);
            }
            ShareReview review = new ShareReview(UUID.randomUUID(), share.firmId(), share.id(), d.decision(), note, actorId, now, wasDue,
                    previousExpiry, share.expiresAt(), nextReview);
            return reviews.persist(review)
                    .call(r -> outbox.append(SharingEvents.aboutShare(SharingEvents.REVIEW_DECIDED, share.id(), share.firmId(),
                            share.matterId(), actorId.toString(), ActorType.USER, ShareEventData.of(share).with("reviewId", r.id())
                                    .with("decision", r.decision()).with("note", note).with("decidedBy", actorId)
                                    .with("previousExpiresAt", previousExpiry).with("nextReviewAt", nextReview))))
                    .map(DecisionResponse::of);
        });
    }

    /** Every decision taken in [from, to), with its share, for an auditor. */
    @WithSession
    public Uni<ReviewReport> report(UUID firmId, UUID actorId, Instant from, Instant to) {
        Instant now = Database.now();
        return access.requireAdministratorWalledFrom(firmId, actorId)
                .chain(blocked -> reviews.decidedBetween(firmId, from, to).chain(decisions -> {
                    Set<UUID> shareIds = decisions.stream().map(ShareReview::shareId).collect(Collectors.toSet());
                    Uni<List<Share>> found = shareIds.isEmpty() ? Uni.createFrom().item(List.of()) : shares.inFirm(firmId, shareIds);
                    return found.chain(all -> {
                        // the decisions about matters that block the reader are left out of their report
                        List<Share> list = all.stream().filter(share -> !blocked.contains(share.matterId())).toList();
                        return contacts.inFirm(firmId, list.stream().map(Share::contactId).distinct().toList())
                            .map(cs -> {
                                Map<UUID, Share> byId = list.stream().collect(Collectors.toMap(Share::id, Function.identity()));
                                Map<UUID, Contact> contactById = cs.stream().collect(Collectors.toMap(Contact::id, Function.identity()));
                                List<ReviewReport.Row> rows = decisions.stream().filter(r -> byId.containsKey(r.shareId())).map(r -> {
                                    Share s = byId.get(r.shareId());
                                    Contact c = contactById.get(s.contactId());
                                    return new ReviewReport.Row(r.id(), s.id(), s.matterId(), s.contactId(), c == null ? null : c.name(),
                                            c == null ? null : c.kind(), s.resourceType(), s.resourceId(), s.title(), r.decision(), r.note(),
                                            r.decidedBy(), r.decidedAt(), r.wasDueAt(), r.previousExpiresAt(), r.expiresAt(), r.nextReviewAt());
                                }).toList();
                                long keep = rows.stream().filter(r -> "keep".equals(r.decision())).count();
                                long revoke = rows.stream().filter(r -> "revoke".equals(r.decision())).count();
                                return new ReviewReport(firmId, from, to, now, actorId,
                                        new ReviewReport.Counts(keep, revoke, rows.size() - keep - revoke), rows);
                            });
                    });
                }));
    }

    /** A change-expiry without expiresAt: the default expiry of the contact's kind from now, as the one-click extend. */
    private static boolean byKindDefault(DecisionRequest d) {
        return "change-expiry".equals(d.decision()) && d.expiresAt() == null;
    }

    private static String join(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(", "));
    }
}
