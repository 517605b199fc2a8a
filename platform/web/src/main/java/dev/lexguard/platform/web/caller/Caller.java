package dev.lexguard.platform.web.caller;

import dev.lexguard.platform.web.WebConfig;
import dev.lexguard.platform.web.problem.ForbiddenProblem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, read only from the verified access token: the firm, the actor, the session and the
 * permissions. Never take a firm or actor id from a path or a body; inject this instead.
 * <p>
 * The token is read on first use. A request without a valid token gets 401 at that point; a token
 * that verifies but lacks our claims also gets 401. On a {@code Uni} endpoint (event loop) annotate the
 * resource {@code @Authenticated} or {@code @RolesAllowed} so the token is verified before the method runs.
 */
@RequestScoped
public class Caller {

    /** {@code amr} values (RFC 8176, and {@code rec} for a recovery code) that prove a second factor. */
    public static final Set<String> SECOND_FACTORS = Set.of("otp", "rec", "hwk", "swk", "mfa");

    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final SecurityIdentity identity;
    private final WebConfig config;
    private Claims claims;

    Caller(SecurityIdentity identity, WebConfig config) {
        this.identity = identity;
        this.config = config;
    }

    /** The firm (tenant) the token was issued for: claim {@code firm}. */
    public UUID firmId() {
        return claims().firmId();
    }

    /** The user's or contact's id: claim {@code sub}. */
    public UUID actorId() {
        return claims().actorId();
    }

    public ActorType actorType() {
        return claims().actorType();
    }

    public boolean isUser() {
        return actorType() == ActorType.USER;
    }

    public boolean isContact() {
        return actorType() == ActorType.CONTACT;
    }

    /** The sign-in session the token belongs to: claim {@code sid}. */
    public UUID sessionId() {
        return claims().sessionId();
    }

    /** Account permissions (claim {@code groups}): administrator, billing, reporting, accounts ... */
    public Set<String> permissions() {
        return claims().permissions();
    }

    /** How the actor signed in (claim {@code amr}): pwd, otp, rec, pin, hwk ... */
    public Set<String> amr() {
        return claims().amr();
    }

    /**
     * When the actor last proved their factors (claim {@code auth_time}): at sign-in, or at a later step-up.
     * Empty if the token does not say.
     */
    public Optional<Instant> authTime() {
        return Optional.ofNullable(claims().authTime());
    }

    /**
     * When the token's session began (claim {@code session_start}; tokens without it: {@code auth_time}). Compare
     * revocation watermarks with this, never with {@link #authTime()}, which a step-up moves forward. Empty if the token
     * says neither.
     */
    public Optional<Instant> sessionStart() {
        Instant started = claims().sessionStart();
        return started != null ? Optional.of(started) : authTime();
    }

    /** True if the token says a second factor (TOTP, recovery code, passkey ...) was part of its sign-in. */
    public boolean provedSecondFactor() {
        return amr().stream().anyMatch(SECOND_FACTORS::contains);
    }

    /**
     * For risky acts: the caller proved a second factor within {@code lexguard.web.step-up.max-age} (10 minutes).
     *
     * @throws ForbiddenProblem (403, {@code step-up-required}) otherwise, naming the step-up endpoint
     */
    public void requireFreshSecondFactor() {
        Duration maxAge = config.stepUp().maxAge();
        Instant provedAt = authTime().orElse(null);
        boolean fresh = provedAt != null && !provedAt.isBefore(Instant.now().minus(maxAge))
                && !provedAt.isAfter(Instant.now().plus(CLOCK_SKEW));
        if (!fresh || !provedSecondFactor()) {
            throw ForbiddenProblem.stepUpRequired(maxAge);
        }
    }

    /** The token's own id (claim {@code jti}), or null if it has none. */
    public String tokenId() {
        return claims().tokenId();
    }

    public boolean hasPermission(String permission) {
        return permissions().contains(permission);
    }

    /** @throws ForbiddenProblem (403, {@code missing-permission}) unless the caller holds the permission */
    public void requirePermission(String permission) {
        if (!hasPermission(permission)) {
            throw ForbiddenProblem.missingPermission(permission);
        }
    }

    /** @throws ForbiddenProblem (403, {@code users-only}) for a portal contact */
    public void requireUser() {
        if (!isUser()) {
            throw new ForbiddenProblem("users-only", "Only firm users may do this");
        }
    }

    private Claims claims() {
        if (claims == null) {
            claims = readClaims();
        }
        return claims;
    }

    private Claims readClaims() {
        // With lazy authentication this is where the token is verified: a bad one throws
        // AuthenticationFailedException, which answers 401.
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw new UnauthorizedException();
        }
        UUID firmId = uuidClaim(jwt, "firm");
        UUID actorId = uuidClaim(jwt, "sub");
        UUID sessionId = uuidClaim(jwt, "sid");
        Set<String> audience = jwt.getAudience() == null ? Set.of() : jwt.getAudience();
        boolean api = audience.contains(config.audience().api());
        boolean portal = audience.contains(config.audience().portal());
        if (api == portal) {
            throw new AuthenticationFailedException("token audience names neither or both of the API and the portal");
        }
        Set<String> permissions = jwt.getGroups() == null ? Set.of() : Set.copyOf(jwt.getGroups());
        return new Claims(firmId, actorId, api ? ActorType.USER : ActorType.CONTACT, sessionId, permissions,
                strings(jwt.getClaim("amr")), jwt.getTokenID(), epochClaim(jwt, "auth_time"),
                epochClaim(jwt, "session_start"));
    }

    private static UUID uuidClaim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        String text = value instanceof JsonString json ? json.getString() : value == null ? null : value.toString();
        if (text == null) {
            throw new AuthenticationFailedException("token lacks the '" + name + "' claim");
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationFailedException("token claim '" + name + "' is not a UUID");
        }
    }

    private static Instant epochClaim(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        if (value instanceof JsonNumber number) {
            return Instant.ofEpochSecond(number.longValue());
        }
        if (value instanceof Number number) {
            return Instant.ofEpochSecond(number.longValue());
        }
        return null;
    }

    private static Set<String> strings(Object claim) {
        if (claim == null) {
            return Set.of();
        }
        if (!(claim instanceof Collection<?> values)) {
            return Set.of(claim instanceof JsonString json ? json.getString() : claim.toString());
        }
        Set<String> result = new LinkedHashSet<>();
        for (Object value : values) {
            result.add(value instanceof JsonString json ? json.getString() : String.valueOf(value));
        }
        return Set.copyOf(result);
    }

    private record Claims(UUID firmId, UUID actorId, ActorType actorType, UUID sessionId, Set<String> permissions,
            Set<String> amr, String tokenId, Instant authTime, Instant sessionStart) {
    }
}
