package dev.lexguard.sessions.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.http.IpNetwork;
import dev.lexguard.sessions.ActorKind;
import dev.lexguard.sessions.SessionsConfig;
import dev.lexguard.sessions.SessionsEvents;
import dev.lexguard.sessions.device.DeviceInfo;
import dev.lexguard.sessions.device.DeviceParser;
import dev.lexguard.sessions.location.GeoLocation;
import dev.lexguard.sessions.location.GeoLocator;
import dev.lexguard.sessions.risk.GeoPoint;
import dev.lexguard.sessions.risk.RiskAssessment;
import dev.lexguard.sessions.risk.RiskPolicy;
import dev.lexguard.sessions.risk.SignInAttempt;
import dev.lexguard.sessions.risk.SignInRisk;
import dev.lexguard.sessions.session.RevocationWatermarkRepository;
import dev.lexguard.sessions.session.SessionIp;
import dev.lexguard.sessions.session.SessionIpRepository;
import dev.lexguard.sessions.session.SessionRecord;
import dev.lexguard.sessions.session.SessionRepository;
import dev.lexguard.sessions.signin.SignIn;
import dev.lexguard.sessions.signin.SignInRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records sessions, sign-ins and activity from identity's and the gateway's events. Each method runs inside
 * {@code IdempotentConsumer}'s transaction, so its effect and the consumed event id commit together.
 */
@ApplicationScoped
public class SessionTracker {

    /** identity's firm id for failures naming no known account: nobody's history, so not recorded. */
    static final UUID NO_FIRM = new UUID(0, 0);

    private final SessionRepository sessions;
    private final SessionIpRepository sessionIps;
    private final SignInRepository signIns;
    private final RevocationWatermarkRepository watermarks;
    private final GeoLocator locator;
    private final DeviceParser devices;
    private final OutboxWriter outbox;
    private final RiskPolicy riskPolicy;

    public SessionTracker(SessionRepository sessions, SessionIpRepository sessionIps, SignInRepository signIns,
            RevocationWatermarkRepository watermarks, GeoLocator locator, DeviceParser devices, OutboxWriter outbox,
            SessionsConfig config) {
        this.sessions = sessions;
        this.sessionIps = sessionIps;
        this.signIns = signIns;
        this.watermarks = watermarks;
        this.locator = locator;
        this.devices = devices;
        this.outbox = outbox;
        this.riskPolicy = new RiskPolicy(config.risk().learningPeriod(), config.risk().maxSpeedKmh(),
                config.risk().minDistanceKm());
    }

    /** A firm user's successful sign-in ({@code session.started}). */
    public Uni<Void> sessionStarted(CloudEvent event) {
        return started(event, UUID.fromString(event.data().get("userId").asText()), ActorKind.of(event.actorType()));
    }

    /** A portal contact's successful sign-in ({@code portal.signedIn}): the session belongs to the portal account. */
    public Uni<Void> portalSignedIn(CloudEvent event) {
        return started(event, UUID.fromString(event.data().get("accountId").asText()), ActorKind.CONTACT);
    }

    /** A successful sign-in: the session, its first address, the sign-in with its risk, and the unusual event. */
    private Uni<Void> started(CloudEvent event, UUID actorId, ActorKind kind) {
        JsonNode data = event.data();
        UUID sessionId = UUID.fromString(data.get("sessionId").asText());
        Instant at = micros(event.time());
        String ip = IpNetwork.canonical(data.get("clientIp").asText());
        List<String> amr = new ArrayList<>();
        data.path("amr").forEach(m -> amr.add(m.asText()));
        DeviceInfo device = devices.parse(text(data, "userAgent"), uuid(data, "deviceId"));
        GeoLocation location = locator.locate(ip);
        return sessions.findById(sessionId).chain(existing -> existing != null ? Uni.createFrom().voidItem()
                : signIns.history(event.firmId(), actorId, kind, at).chain(history -> {
                    RiskAssessment risk = SignInRisk.assess(new SignInAttempt(at, device.key(), location.countryCode(),
                            location.asn(), point(location)), history, riskPolicy);
                    SessionRecord session = new SessionRecord(sessionId, event.firmId(), actorId, kind, amr, ip, device,
                            location, at, risk.reasons());
                    JsonNode approvedBy = data.path("approvedBy");
                    if (approvedBy.isObject()) {
                        session.approvedBy(uuid(approvedBy, "deviceId"), text(approvedBy, "deviceName"));
                    }
                    SignIn signIn = SignIn.succeeded(event.firmId(), actorId, kind, sessionId, ip, device, location, at, risk);
                    return sessions.persist(session)
                            .chain(() -> sessionIps.persist(new SessionIp(sessionId, event.firmId(), ip, location, at)))
                            .chain(() -> signIns.persist(signIn))
                            .chain(() -> watermarks.covering(event.firmId(), actorId, kind, sessionId, at))
                            .invoke(watermark -> {
                                if (watermark != null) {
                                    session.end(watermark.reason(), watermark.revokedBy(), watermark.raisedAt());
                                }
                            })
                            .chain(() -> risk.unusual() ? unusual(event, session, risk) : Uni.createFrom().voidItem());
                }));
    }

    /** A refresh or the gateway's activity report: last seen, and the address if it changed. */
    public Uni<Void> seen(UUID firmId, UUID sessionId, String clientIp, Instant at) {
        String ip = IpNetwork.canonical(clientIp);
        Instant when = micros(at);
        return sessions.findInFirm(firmId, sessionId).chain(session -> {
            if (session == null || !session.isOpen()) {
                return Uni.createFrom().voidItem();
            }
            session.seen(ip, when);
            return sessionIps.find(sessionId, ip).chain(known -> {
                if (known != null) {
                    known.seen(when);
                    return Uni.createFrom().voidItem();
                }
                return sessionIps.persist(new SessionIp(sessionId, firmId, ip, locator.locate(ip), when)).replaceWithVoid();
            });
        });
    }

    /** identity registered a mobile device from a session: the session now names that device. */
    public Uni<Void> deviceRegistered(CloudEvent event) {
        UUID sessionId = UUID.fromString(event.data().get("sessionId").asText());
        UUID deviceId = UUID.fromString(event.data().get("deviceId").asText());
        return sessions.findInFirm(event.firmId(), sessionId).invoke(session -> {
            if (session != null) {
                session.registeredDevice(deviceId);
            }
        }).replaceWithVoid();
    }

    /**
     * identity ended a session (logout, deactivation, password change or reset, refresh-token reuse), a firm user's
     * ({@code session.ended}) or a portal contact's ({@code portal.sessionEnded}: logout, refresh-token reuse, the
     * account disabled, or a revocation from here carried out).
     */
    public Uni<Void> sessionEnded(CloudEvent event) {
        UUID sessionId = UUID.fromString(event.data().get("sessionId").asText());
        String reason = event.data().get("reason").asText();
        UUID by = event.actorType() == ActorType.SYSTEM ? null : uuidOrNull(event.actorId());
        return sessions.findInFirm(event.firmId(), sessionId).invoke(session -> {
            if (session != null) {
                session.end(reason, by, micros(event.time()));
            }
        }).replaceWithVoid();
    }

    /** A firm user's failed sign-in, kept in the history with its reason. */
    public Uni<Void> signInFailed(CloudEvent event) {
        ActorKind kind = event.actorType() == ActorType.CONTACT ? ActorKind.CONTACT : ActorKind.USER;
        return failed(event, uuid(event.data(), "userId"), kind);
    }

    /**
     * A portal contact's failed sign-in ({@code portal.signInFailed}): always a contact's, the account's when identity
     * knew it (an unknown address names none and belongs to no contact's own history).
     */
    public Uni<Void> portalSignInFailed(CloudEvent event) {
        return failed(event, uuid(event.data(), "accountId"), ActorKind.CONTACT);
    }

    private Uni<Void> failed(CloudEvent event, UUID actorId, ActorKind kind) {
        if (NO_FIRM.equals(event.firmId())) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data = event.data();
        String ip = IpNetwork.canonical(data.get("clientIp").asText());
        DeviceInfo device = devices.parse(text(data, "userAgent"), uuid(data, "deviceId"));
        return signIns.persist(SignIn.failed(event.firmId(), actorId, kind, text(data, "email"),
                data.get("reason").asText(), ip, device, locator.locate(ip), micros(event.time()))).replaceWithVoid();
    }

    private Uni<Void> unusual(CloudEvent event, SessionRecord session, RiskAssessment risk) {
        DeviceInfo device = session.device();
        SessionsEvents.SigninUnusual data = new SessionsEvents.SigninUnusual(session.id(), session.actorId(),
                session.actorKind().wire(), session.unusualReasons(), session.clientIp(), session.location(),
                new SessionsEvents.Device(device.browser(), device.os(), device.deviceType(), device.mobileDeviceId()),
                risk.comparedWith() == null ? null : risk.comparedWith().sessionId(),
                risk.comparedWith() == null || risk.comparedWith().point() == null ? null : previousLocation(risk),
                risk.speedKmh() == null ? null : Math.round(risk.speedKmh() * 10) / 10.0,
                session.startedAt().toString());
        return outbox.append(SessionsEvents.by(SessionsEvents.SIGNIN_UNUSUAL, session.id().toString(), event.firmId(),
                session.actorId(), session.actorKind(), data));
    }

    private static GeoLocation previousLocation(RiskAssessment risk) {
        GeoPoint point = risk.comparedWith().point();
        return new GeoLocation(risk.comparedWith().countryCode(), null, risk.comparedWith().city(), point.latitude(),
                point.longitude(), null, null);
    }

    private static GeoPoint point(GeoLocation location) {
        return location.hasCoordinates() ? new GeoPoint(location.latitude(), location.longitude()) : null;
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static UUID uuid(JsonNode data, String field) {
        return uuidOrNull(text(data, field));
    }

    private static UUID uuidOrNull(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant micros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }
}
