package dev.lexguard.sessions.session;

import dev.lexguard.platform.events.outbox.EventDraft;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import dev.lexguard.platform.web.problem.ForbiddenProblem;
import dev.lexguard.platform.web.problem.NotFoundProblem;
import dev.lexguard.sessions.ActorKind;
import dev.lexguard.sessions.SessionsEvents;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Every way a session ends here. One session: the row and one {@code session.revoked} event. Many: one
 * {@code watermark.raised} event ("started before T"), the rows ended in one statement, and the watermark
 * kept so a session whose start arrives late is ended on arrival.
 */
@ApplicationScoped
public class RevocationService {

    static final String OWNER_ONLY = "owner-only";

    private final SessionRepository sessions;
    private final RevocationWatermarkRepository watermarks;
    private final OutboxWriter outbox;
    private final FirmOwners owners;

    public RevocationService(SessionRepository sessions, RevocationWatermarkRepository watermarks, OutboxWriter outbox,
            FirmOwners owners) {
        this.sessions = sessions;
        this.watermarks = watermarks;
        this.outbox = outbox;
        this.owners = owners;
    }

    /** Ends one session the requester may see; false if it had already ended (no event then). */
    @WithTransaction
    public Uni<Boolean> endOne(Requester requester, UUID sessionId) {
        return visible(requester, sessionId).chain(session -> {
            boolean own = session.belongsTo(requester.actorId(), requester.kind());
            String reason = own ? EndReason.ENDED_BY_USER : EndReason.ENDED_BY_ADMINISTRATOR;
            Instant now = now();
            if (!session.end(reason, requester.actorId(), now)) {
                return Uni.createFrom().item(false);
            }
            return outbox.append(SessionsEvents.by(SessionsEvents.SESSION_REVOKED, session.id().toString(),
                            session.firmId(), requester.actorId(), requester.kind(), revoked(session, reason, requester.actorId(), now)))
                    .replaceWith(true);
        });
    }

    /** Ends a session on the system's behalf (a lifetime limit), inside the caller's transaction. */
    public Uni<Boolean> endBySystem(SessionRecord session, String reason) {
        Instant now = now();
        if (!session.end(reason, null, now)) {
            return Uni.createFrom().item(false);
        }
        return outbox.append(SessionsEvents.bySystem(SessionsEvents.SESSION_REVOKED, session.id().toString(),
                session.firmId(), revoked(session, reason, null, now))).replaceWith(true);
    }

    /** An administrator ends every session of one user or contact of the firm. */
    @WithTransaction
    public Uni<EndResult> endAllOf(Requester requester, UUID actorId, ActorKind kind) {
        return sessions.actorKnown(requester.firmId(), actorId, kind).chain(known -> {
            if (!known) {
                return Uni.createFrom().failure(new NotFoundProblem());
            }
            boolean self = actorId.equals(requester.actorId()) && kind == requester.kind();
            return raise(requester.firmId(), actorId, kind, null,
                    self ? EndReason.ENDED_BY_USER : EndReason.ENDED_BY_ADMINISTRATOR, requester.actorId(), requester.kind());
        });
    }

    /** The requester ends all their sessions but the one they are using. */
    @WithTransaction
    public Uni<EndResult> endMineExceptCurrent(Requester requester) {
        return raise(requester.firmId(), requester.actorId(), requester.kind(), requester.currentSessionId(),
                EndReason.ENDED_BY_USER, requester.actorId(), requester.kind());
    }

    /** An administrator ends every session in the firm, their own current one too only if asked. */
    @WithTransaction
    public Uni<EndResult> endFirm(Requester requester, boolean includeCurrent) {
        return raise(requester.firmId(), null, null, includeCurrent ? null : requester.currentSessionId(),
                EndReason.ENDED_BY_ADMINISTRATOR, requester.actorId(), requester.kind());
    }

    /**
     * "Not me": the session's owner (from another session) or an administrator says it was not theirs; the firm
     * owner's session only the owner may disown (403 {@code owner-only} for an administrator). Publishes
     * {@code session.disowned} (identity requires a password reset and two-factor re-enrolment) and ends every
     * session of that user with one watermark. Marking it again changes nothing.
     */
    @WithTransaction
    public Uni<Boolean> notMe(Requester requester, UUID sessionId) {
        return visible(requester, sessionId).call(session -> {
            if (session.belongsTo(requester.actorId(), requester.kind()) || session.actorKind() != ActorKind.USER) {
                return Uni.createFrom().voidItem();
            }
            // an administrator cannot sign the owner out everywhere (and force their password reset): the owner can
            return owners.isOwner(session.firmId(), session.actorId()).invoke(owner -> {
                if (owner) {
                    throw new ForbiddenProblem(OWNER_ONLY, "Only the firm's owner may mark the owner's session as not theirs");
                }
            });
        }).chain(session -> {
            if (sessionId.equals(requester.currentSessionId())) {
                return Uni.createFrom().failure(new BusinessRuleProblem("current-session",
                        "The session making this request cannot be marked as not yours"));
            }
            Instant now = now();
            if (!session.disown(requester.actorId(), now)) {
                return Uni.createFrom().item(false);
            }
            // ended here as well as by the watermark below, so the flush of this row cannot undo the bulk update
            session.end(EndReason.NOT_ME, requester.actorId(), now);
            return outbox.append(SessionsEvents.by(SessionsEvents.SESSION_DISOWNED, session.id().toString(), session.firmId(),
                            requester.actorId(), requester.kind(), new SessionsEvents.SessionDisowned(session.id(),
                                    session.actorId(), session.actorKind().wire(), requester.actorId(), session.clientIp())))
                    .chain(() -> raise(session.firmId(), session.actorId(), session.actorKind(), null, EndReason.NOT_ME,
                            requester.actorId(), requester.kind()))
                    .replaceWith(true);
        });
    }

    /** identity deactivated a user: their sessions end here too and the gateway is told with one watermark. */
    public Uni<EndResult> userDeactivated(UUID firmId, UUID userId, UUID by) {
        return raise(firmId, userId, ActorKind.USER, null, EndReason.USER_DEACTIVATED, by, by == null ? null : ActorKind.USER);
    }

    /**
     * identity wiped a mobile device (too many wrong PINs): its open sessions end here, each with its own
     * {@code session.revoked} (reason {@code device_wiped}) so the gateway rejects their access tokens. Returns how many.
     */
    public Uni<Integer> deviceWiped(UUID firmId, UUID userId, UUID deviceId) {
        return sessions.openOnDevice(firmId, userId, deviceId).chain(open -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (SessionRecord session : open) {
                chain = chain.chain(count -> endBySystem(session, EndReason.DEVICE_WIPED).map(ended -> ended ? count + 1 : count));
            }
            return chain;
        });
    }

    private Uni<SessionRecord> visible(Requester requester, UUID sessionId) {
        return sessions.lockInFirm(requester.firmId(), sessionId).map(session -> {
            if (session == null || !requester.maySee(session)) {
                throw new NotFoundProblem();
            }
            return session;
        });
    }

    private Uni<EndResult> raise(UUID firmId, UUID actorId, ActorKind kind, UUID except, String reason, UUID by,
            ActorKind byKind) {
        Instant now = now();
        RevocationWatermark watermark = new RevocationWatermark(firmId, actorId, kind == null ? null : kind.wire(), now,
                except, reason, by, now);
        SessionsEvents.WatermarkRaised data = new SessionsEvents.WatermarkRaised(
                actorId == null ? SessionsEvents.SCOPE_FIRM : SessionsEvents.SCOPE_USER, actorId,
                kind == null ? null : kind.wire(), now.toString(), except, reason, by);
        String subject = actorId == null ? firmId.toString() : actorId.toString();
        EventDraft draft = by == null
                ? SessionsEvents.bySystem(SessionsEvents.WATERMARK_RAISED, subject, firmId, data)
                : SessionsEvents.by(SessionsEvents.WATERMARK_RAISED, subject, firmId, by, byKind, data);
        return watermarks.persist(watermark)
                .chain(() -> sessions.endStartedBefore(firmId, actorId, kind, now, except, reason, by, now))
                .call(() -> outbox.append(draft))
                .map(ended -> new EndResult(ended, now));
    }

    private static SessionsEvents.SessionRevoked revoked(SessionRecord session, String reason, UUID by, Instant at) {
        return new SessionsEvents.SessionRevoked(session.id(), session.actorId(), session.actorKind().wire(), reason,
                at.toString(), by);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
