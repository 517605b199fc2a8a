package dev.lexguard.identity.keycloak;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.identity.AuthenticationProblem;
import dev.lexguard.identity.IdentityEvents;
import dev.lexguard.identity.NativeSql;
import dev.lexguard.identity.sessions.ClientInfo;
import dev.lexguard.identity.signin.LoginResponse;
import dev.lexguard.identity.signin.LoginService;
import dev.lexguard.identity.signin.SignInThrottle;
import dev.lexguard.identity.signin.ThrottleRule;
import dev.lexguard.identity.tokens.OpaqueTokens;
import dev.lexguard.identity.twofactor.SecretBox;
import dev.lexguard.identity.users.User;
import dev.lexguard.identity.users.UserRepository;
import dev.lexguard.identity.users.UserStatus;
import dev.lexguard.platform.events.outbox.OutboxWriter;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import dev.lexguard.platform.web.problem.ConflictProblem;
import dev.lexguard.platform.web.problem.ForbiddenProblem;
import dev.lexguard.platform.web.problem.TooManyRequestsProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;

/**
 * Single sign-on through the firm's Keycloak realm: authorization code flow with PKCE (S256), state and nonce.
 * The state is stored hashed, single use, five minutes; the PKCE verifier sealed. The callback burns the state
 * first (its own transaction), exchanges the code and checks the ID token on a worker thread, then maps the token
 * to the LexGuard user (the Keycloak id linked at provisioning, else the verified email within the firm) and ends
 * the sign-in as a password would ({@link LoginService#afterExternalFirstFactor}), with amr {@code sso}; where the
 * firm's owner trusts Keycloak's second factor and the ID token names one, as a completed sign-in with amr
 * {@code sso mfa} and Keycloak's auth_time ({@link LoginService#afterExternalSecondFactor}).
 */
@ApplicationScoped
public class SsoService {

    static final String STATE_PREFIX = "lgs_";
    static final String VERIFIER_PURPOSE = "lexguard.sso.code-verifier";
    /** The amr values (RFC 8176) by which Keycloak says it checked a second factor, when the owner trusts them. */
    static final List<String> TRUSTED_SECOND_FACTORS = List.of("otp", "hwk", "swk", "mfa");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final KeycloakConnectionRepository connections;
    private final KeycloakConnectionService connectionService;
    private final ProvisioningStore store;
    private final UserRepository users;
    private final LoginService logins;
    private final IdTokenVerifier verifier;
    private final SecretBox box;
    private final OutboxWriter outbox;
    private final ObjectMapper json;
    private final KeycloakConfig config;
    private final KeycloakHttp http;
    private final SignInThrottle throttle;
    private final KeycloakAddresses addresses;

    public SsoService(KeycloakConnectionRepository connections, KeycloakConnectionService connectionService,
            ProvisioningStore store, UserRepository users, LoginService logins, IdTokenVerifier verifier, SecretBox box,
            OutboxWriter outbox, ObjectMapper json, KeycloakConfig config, SignInThrottle throttle,
            KeycloakAddresses addresses, KeycloakHttp http) {
        this.connections = connections;
        this.connectionService = connectionService;
        this.store = store;
        this.users = users;
        this.logins = logins;
        this.verifier = verifier;
        this.box = box;
        this.outbox = outbox;
        this.json = json;
        this.config = config;
        this.throttle = throttle;
        this.addresses = addresses;
        this.http = http;
    }

    public Uni<SsoStartResponse> start(SsoStartRequest request, ClientInfo client) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant expires = now.plus(config.ssoRequestLifetime());
        String state = OpaqueTokens.mint(STATE_PREFIX);
        String nonce = random();
        String codeVerifier = random();
        UUID id = UUID.randomUUID();
        return Panache.withTransaction(() -> connections.findById(request.firmId()).chain(connection -> {
            if (connection == null) {
                throw notAvailable();
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("hash", OpaqueTokens.hash(state));
            row.put("firm", connection.firmId());
            row.put("nonce", nonce);
            row.put("verifier", box.seal(codeVerifier.getBytes(StandardCharsets.US_ASCII), VERIFIER_PURPOSE, id));
            row.put("ip", client.ip());
            row.put("agent", client.userAgent() == null ? "" : client.userAgent());
            row.put("now", now);
            row.put("expires", expires);
            return NativeSql.update("insert into sso_request (id, state_hash, firm_id, nonce, code_verifier_sealed,"
                    + " client_ip, user_agent, created_at, expires_at) values (:id, :hash, :firm, :nonce, :verifier, :ip,"
                    + " nullif(:agent, ''), :now, :expires)", row)
                    .map(ignored -> new SsoStartResponse(authorizationUrl(connection, state, nonce, codeVerifier,
                            request.loginHint()), state, expires));
        }));
    }

    private String authorizationUrl(KeycloakConnection connection, String state, String nonce, String codeVerifier,
            String loginHint) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", connection.signInClientId());
        query.put("redirect_uri", config.redirectUri());
        query.put("scope", "openid email profile");
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", B64URL.encodeToString(sha256(codeVerifier)));
        query.put("code_challenge_method", "S256");
        if (loginHint != null && !loginHint.isBlank()) {
            query.put("login_hint", loginHint.strip());
        }
        return connection.issuer() + "/protocol/openid-connect/auth?" + form(query);
    }

    /** A burnt state with what the rest of the callback needs. */
    private record Pending(UUID firmId, String nonce, String codeVerifier, KeycloakConnection connection,
            String clientSecret) {
    }

    /** The verified token's facts; {@code amr} empty and {@code authTime} null when Keycloak did not say. */
    private record Identity(String subject, String email, boolean emailVerified, List<String> amr, Instant authTime) {
    }

    /** The outcome decided in the sign-in transaction, answered (or thrown) after it commits. */
    private record Outcome(LoginResponse response, RuntimeException problem) {
    }

    public Uni<LoginResponse> callback(SsoCallbackRequest request, ClientInfo client) {
        if (!OpaqueTokens.wellFormed(STATE_PREFIX, request.state())) {
            throw invalidState();
        }
        byte[] hash = OpaqueTokens.hash(request.state());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> burnState(hash, now))
                .chain(pending -> Blocking.call(() -> identify(pending, request.code()))
                        .chain(identity -> Panache.withTransaction(() -> signIn(pending, identity, client))))
                .map(outcome -> {
                    if (outcome.problem() != null) {
                        throw outcome.problem();
                    }
                    return outcome.response();
                });
    }

    private Uni<Pending> burnState(byte[] hash, Instant now) {
        return NativeSql.rows("select cast(id as text), cast(firm_id as text), nonce, code_verifier_sealed, expires_at,"
                + " used_at from sso_request where state_hash = :hash for update", Map.of("hash", hash)).chain(rows -> {
                    if (rows.isEmpty()) {
                        throw invalidState();
                    }
                    Object[] c = (Object[]) rows.get(0);
                    UUID id = UUID.fromString(c[0].toString());
                    if (c[5] != null) {
                        throw new ConflictProblem("sso-state-replayed",
                                "This sign-in was already completed or attempted; start a new one");
                    }
                    if (!now.isBefore(toInstant(c[4]))) {
                        throw new AuthenticationProblem("invalid-sso-state", "Invalid sign-in state",
                                "The single sign-on took too long and has expired; start again");
                    }
                    UUID firmId = UUID.fromString(c[1].toString());
                    String codeVerifier = new String(box.open(c[3].toString(), VERIFIER_PURPOSE, id),
                            StandardCharsets.US_ASCII);
                    return NativeSql.update("update sso_request set used_at = :now where id = :id",
                                    Map.of("now", now, "id", id))
                            .chain(() -> connections.findById(firmId))
                            .map(connection -> {
                                if (connection == null) {
                                    throw notAvailable();
                                }
                                return new Pending(firmId, c[2].toString(), codeVerifier, connection,
                                        connectionService.signInClientSecret(connection));
                            });
                });
    }

    /** Blocking: the code exchange and the ID token's checks. */
    private Identity identify(Pending pending, String code) {
        KeycloakConnection connection = pending.connection();
        addresses.requireAllowed(connection.issuer());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", config.redirectUri());
        form.put("code_verifier", pending.codeVerifier());
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(connection.signInClientId(),
                StandardCharsets.UTF_8) + ":" + URLEncoder.encode(pending.clientSecret(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        KeycloakHttp.Answer answer;
        try {
            answer = http.postForm(connection.issuer() + "/protocol/openid-connect/token",
                    Map.of("Authorization", "Basic " + basic), form(form));
        } catch (IOException e) {
            Log.infof("SSO code exchange for firm %s: Keycloak did not answer (%s)", pending.firmId(),
                    e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName());
            throw new BusinessRuleProblem("keycloak-unreachable", "The firm's Keycloak did not answer; try again");
        }
        String idToken;
        try {
            JsonNode body = json.readTree(answer.body());
            if (answer.status() != 200) {
                Log.infof("SSO code exchange for firm %s refused: HTTP %d %s", pending.firmId(), answer.status(),
                        body.path("error").asText("?"));
                throw new AuthenticationProblem("sso-code-rejected", "Sign-in code refused",
                        "Keycloak refused the sign-in code (used already, expired or not ours); start again");
            }
            idToken = body.path("id_token").asText(null);
        } catch (IOException e) {
            throw new BusinessRuleProblem("keycloak-error", "The firm's Keycloak answered something that is not JSON");
        }
        if (idToken == null) {
            throw invalidIdToken();
        }
        JwtClaims claims;
        try {
            claims = verifier.verify(idToken, connection.issuer(), connection.signInClientId(), pending.nonce());
        } catch (InvalidIdTokenException e) {
            Log.infof("SSO for firm %s: ID token refused (%s)", pending.firmId(), e.reason());
            throw invalidIdToken();
        }
        try {
            Object verified = claims.getClaimValue("email_verified");
            return new Identity(claims.getSubject(), claims.getStringClaimValue("email"), Boolean.TRUE.equals(verified),
                    amr(claims), authTime(claims));
        } catch (MalformedClaimException e) {
            throw invalidIdToken();
        }
    }

    /**
     * Maps the ID token to a LexGuard user of the firm: the Keycloak account LexGuard linked at provisioning (or an
     * earlier sign-on), else a user LexGuard provisioned into this realm with the same email. Either way Keycloak must
     * say the email is verified and it must be the user's. The attempt counts against the account's sign-in
     * throttle as a password attempt does (a challenge's wrong codes then cost the same). Keycloak's amr stands in
     * for LexGuard's own second factor only where the firm's owner opted in ({@link #trustedSecondFactor}).
     */
    private Uni<Outcome> signIn(Pending pending, Identity identity, ClientInfo client) {
        UUID firmId = pending.firmId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return store.userByKeycloakId(firmId, identity.subject())
                .chain(userId -> userId != null ? users.findInFirm(firmId, userId) : byVerifiedEmail(firmId, identity))
                .chain(user -> {
                    if (user == null) {
                        return failed(firmId, null, identity, "sso_unknown_user", client, new ForbiddenProblem(
                                "sso-unknown-user", "No LexGuard user of this firm matches this Keycloak account"));
                    }
                    if (!identity.emailVerified() || identity.email() == null
                            || !identity.email().strip().equalsIgnoreCase(user.email())) {
                        return failed(firmId, user, identity, "sso_email_unverified", client, new ForbiddenProblem(
                                "sso-email-unverified", "Keycloak did not confirm this account's email address as the"
                                        + " LexGuard user's: verify it in Keycloak, or sign in with the password"));
                    }
                    if (user.status() == UserStatus.DEACTIVATED) {
                        return failed(firmId, user, identity, "user_deactivated", client,
                                new ForbiddenProblem("user-deactivated", "This LexGuard account is deactivated"));
                    }
                    if (user.status() != UserStatus.ACTIVE) {
                        return failed(firmId, user, identity, "user_not_activated", client, new ForbiddenProblem(
                                "user-not-activated", "This LexGuard account is not activated yet: accept the invitation"));
                    }
                    return throttle.check(user.email(), client.ip(), now).chain(verdict -> verdict != null
                            ? failed(firmId, user, identity, verdict.reason(), client, new TooManyRequestsProblem(
                                    verdict.retryAfter(), "Too many failed sign-ins; retry later"))
                            : throttle.reserveAccountAttempt(user.email(), now).chain(reserved -> !reserved
                                    ? failed(firmId, user, identity, "account_locked", client, new TooManyRequestsProblem(
                                            ThrottleRule.HARD_LOCK, "Too many failed sign-ins; retry later"))
                                    : store.linkUser(firmId, user.id(), identity.subject())
                                            .chain(() -> trustedSecondFactor(pending.connection(), identity, now)
                                                    ? logins.afterExternalSecondFactor(user, "sso",
                                                            min(identity.authTime(), now), client)
                                                    : logins.afterExternalFirstFactor(user, "sso", client))
                                            .call(response -> LoginResponse.AUTHENTICATED.equals(response.status())
                                                    ? throttle.clearAccount(user.email())
                                                    : Uni.createFrom().voidItem())
                                            .map(response -> new Outcome(response, null))));
                });
    }

    /** Keycloak's amr claim (RFC 8176), if it is a list of strings; anything else counts as no claim. */
    private static List<String> amr(JwtClaims claims) {
        try {
            return claims.hasClaim("amr") ? List.copyOf(claims.getStringListClaimValue("amr")) : List.of();
        } catch (MalformedClaimException | NullPointerException e) {
            return List.of();
        }
    }

    private static Instant authTime(JwtClaims claims) {
        try {
            NumericDate value = claims.getNumericDateClaimValue("auth_time");
            return value == null ? null : Instant.ofEpochSecond(value.getValue());
        } catch (MalformedClaimException e) {
            return null;
        }
    }

    /**
     * Whether Keycloak's second factor completes this sign-on: only when the firm's owner opted in, the ID token names
     * a second factor LexGuard accepts and says when the user authenticated, within the configured age (a Keycloak
     * session opened hours ago does not stand in for a factor now).
     */
    private boolean trustedSecondFactor(KeycloakConnection connection, Identity identity, Instant now) {
        Log.debugf("SSO for firm %s: Keycloak's amr %s, auth_time %s, second factor trusted: %s", connection.firmId(),
                identity.amr(), identity.authTime(), connection.trustsSecondFactor());
        return connection.trustsSecondFactor() && identity.authTime() != null
                && identity.amr().stream().anyMatch(TRUSTED_SECOND_FACTORS::contains)
                && !identity.authTime().isBefore(now.minus(config.trustedSecondFactorMaxAge()))
                && !identity.authTime().isAfter(now.plus(config.clockSkew()));
    }

    /**
     * Only an email Keycloak says is verified, only within the firm, and only of a user LexGuard provisioned into
     * (or already linked with) this realm identifies a user whose Keycloak id is not linked (a re-created account).
     */
    private Uni<User> byVerifiedEmail(UUID firmId, Identity identity) {
        if (identity.email() == null || !identity.emailVerified()) {
            return Uni.createFrom().nullItem();
        }
        return users.findInFirmByEmail(firmId, identity.email().strip().toLowerCase(Locale.ROOT))
                .chain(user -> user == null ? Uni.createFrom().<User>nullItem()
                        : store.isLinked(firmId, user.id()).map(linked -> linked ? user : null));
    }

    private Uni<Outcome> failed(UUID firmId, User user, Identity identity, String reason, ClientInfo client,
            RuntimeException problem) {
        String email = user != null ? user.email() : identity.email();
        if (email == null || email.isBlank()) {
            return Uni.createFrom().item(new Outcome(null, problem));
        }
        return outbox.append(IdentityEvents.bySystem(IdentityEvents.SIGNIN_FAILED,
                        user == null ? email : user.id().toString(), firmId,
                        new SignInFailed(email, user == null ? null : user.id(), reason, client.ip(), client.userAgent())))
                .map(ignored -> new Outcome(null, problem));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SignInFailed(String email, UUID userId, String reason, String clientIp, String userAgent) {
    }

    private static AuthenticationProblem invalidState() {
        return new AuthenticationProblem("invalid-sso-state", "Invalid sign-in state",
                "The single sign-on state is unknown; start again");
    }

    private static AuthenticationProblem invalidIdToken() {
        return new AuthenticationProblem("invalid-id-token", "Invalid ID token",
                "The identity token from Keycloak failed verification");
    }

    private static BusinessRuleProblem notAvailable() {
        return new BusinessRuleProblem("sso-not-available", "Single sign-on is not set up for this firm");
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return B64URL.encodeToString(bytes);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant toInstant(Object value) {
        return ProvisioningStore.instant(value);
    }
}
