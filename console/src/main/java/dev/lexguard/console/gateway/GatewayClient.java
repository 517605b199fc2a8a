package dev.lexguard.console.gateway;

import dev.lexguard.console.ConsoleConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The gateway's REST API, as the console uses it: sign-in, refresh, sign-out, sessions, two-factor, the overview's lists,
 * people, groups, matters' access, shares and the feed (its live stream and exports: {@link GatewayStreams}); and the
 * client portal's sign-in and shares for contacts. */
@ApplicationScoped
public class GatewayClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** The largest page the APIs give: the people and matter pages show the first one. */
    public static final int PAGE = 200;
    /** Entries per page of a feed timeline. */
    static final int FEED_PAGE = 50;

    private final WebClient client;
    private final URI base;

    public GatewayClient(Vertx vertx, ConsoleConfig config) {
        this.base = config.gatewayUrl();
        boolean ssl = "https".equalsIgnoreCase(base.getScheme());
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : (ssl ? 443 : 80))
                .setSsl(ssl)
                .setConnectTimeout(5_000)
                .setUserAgentEnabled(false));
    }

    public Uni<ApiAnswer> login(String email, String password, BrowserContext browser) {
        return send(HttpMethod.POST, "/api/v1/auth/login", null, browser,
                new JsonObject().put("email", email).put("password", password));
    }

    public Uni<ApiAnswer> loginTwoFactor(String challengeToken, String code, String recoveryCode, BrowserContext browser) {
        return send(HttpMethod.POST, "/api/v1/auth/login/two-factor", null, browser, secondStep(challengeToken, code, recoveryCode));
    }

    public Uni<ApiAnswer> refresh(String refreshToken, BrowserContext browser) {
        return send(HttpMethod.POST, "/api/v1/auth/refresh", null, browser, new JsonObject().put("refreshToken", refreshToken));
    }

    public Uni<ApiAnswer> logout(String accessToken, BrowserContext browser) {
        return send(HttpMethod.POST, "/api/v1/auth/logout", accessToken, browser, null);
    }

    public Uni<ApiAnswer> me(String accessToken, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/me", accessToken, browser, null);
    }

    public Uni<ApiAnswer> mySessions(String accessToken, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/sessions/mine?status=active&limit=100", accessToken, browser, null);
    }

    public Uni<ApiAnswer> firmSessions(String accessToken, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/sessions?status=active&limit=100", accessToken, browser, null);
    }

    public Uni<ApiAnswer> endSession(String accessToken, UUID session, BrowserContext browser) {
        return send(HttpMethod.DELETE, "/api/v1/sessions/" + session, accessToken, browser, null);
    }

    public Uni<ApiAnswer> endOtherSessions(String accessToken, BrowserContext browser) {
        return send(HttpMethod.POST, "/api/v1/sessions/mine/end-others", accessToken, browser, null);
    }

    public Uni<ApiAnswer> notMe(String accessToken, UUID session, BrowserContext browser) {
        return send(HttpMethod.POST, "/api/v1/sessions/" + session + "/not-me", accessToken, browser, null);
    }

    public Uni<ApiAnswer> twoFactorStatus(String accessToken, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/two-factor", accessToken, browser, null);
    }

    public Uni<ApiAnswer> startEnrolment(String accessToken, BrowserContext browser) {
        return send(HttpMethod.POST, "/api/v1/two-factor/enrolment", accessToken, browser, new JsonObject());
    }

    public Uni<ApiAnswer> confirmEnrolment(String accessToken, String code, BrowserContext browser) {
        return send(HttpMethod.POST, "/api/v1/two-factor/enrolment/confirm", accessToken, browser, new JsonObject().put("code", code));
    }

    public Uni<ApiAnswer> regenerateRecoveryCodes(String accessToken, String password, String code, BrowserContext browser) {
        return send(HttpMethod.POST, "/api/v1/two-factor/recovery-codes", accessToken, browser,
                new JsonObject().put("password", password).put("code", code));
    }

    public Uni<ApiAnswer> twoFactorUsers(String accessToken, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/two-factor/users?limit=200", accessToken, browser, null);
    }

    public Uni<ApiAnswer> twoFactorPolicy(String accessToken, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/two-factor/policy", accessToken, browser, null);
    }

    public Uni<ApiAnswer> unusualSignIns(String accessToken, Instant from, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/sign-ins?unusual=true&limit=50&from=" + from, accessToken, browser, null);
    }

    public Uni<ApiAnswer> sharesExpiring(String accessToken, int withinDays, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/shares?status=active&limit=50&expiringWithinDays=" + withinDays, accessToken, browser,
                null);
    }

    /** Active shares whose review is due now or within the days given, earliest first (administrators). */
    public Uni<ApiAnswer> reviewsDue(String accessToken, int withinDays, int limit, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/share-reviews/due?limit=" + limit + "&withinDays=" + withinDays, accessToken, browser, null);
    }

    /**
     * Review decisions on many shares, all or none ({@code {"decisions":[{"shareId","decision","note"}]}}); answered with
     * the recorded decisions as {@code items}, or sharing-service's 422 naming the shares that stopped them.
     */
    public Uni<ApiAnswer> decideReviews(String accessToken, JsonObject decisions, BrowserContext browser) {
        return send(HttpMethod.POST, "/api/v1/share-reviews/decisions", accessToken, browser, decisions);
    }

    /**
     * The review report: every decision in the period; {@code query} is the period's encoded query (empty: sharing-service's
     * default, the last 365 days).
     */
    public Uni<ApiAnswer> reviewReport(String accessToken, String query, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/share-reviews/report" + (query.isEmpty() ? "" : "?" + query), accessToken, browser, null);
    }

    public Uni<ApiAnswer> users(String accessToken, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/users?limit=" + PAGE, accessToken, browser, null);
    }

    public Uni<ApiAnswer> accountPermissions(String accessToken, UUID user, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/permissions/users/" + user, accessToken, browser, null);
    }

    public Uni<ApiAnswer> groups(String accessToken, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/groups?limit=" + PAGE, accessToken, browser, null);
    }

    public Uni<ApiAnswer> groupMembers(String accessToken, UUID group, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/groups/" + group + "/members?limit=" + PAGE, accessToken, browser, null);
    }

    /** Every matter the caller may see, whatever their saved group filter (group=all). */
    public Uni<ApiAnswer> matters(String accessToken, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/matters?group=all&limit=" + PAGE, accessToken, browser, null);
    }

    public Uni<ApiAnswer> matter(String accessToken, UUID matter, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/matters/" + matter, accessToken, browser, null);
    }

    /** A matter's access list, now (at null) or as it was at a past time. */
    public Uni<ApiAnswer> accessList(String accessToken, UUID matter, Instant at, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/matters/" + matter + "/access" + (at == null ? "" : "?at=" + at), accessToken, browser,
                null);
    }

    /** Who may see a matter and why, now (at null) or at a past time. */
    public Uni<ApiAnswer> viewers(String accessToken, UUID matter, Instant at, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/access/matters/" + matter + "/users?limit=" + PAGE + (at == null ? "" : "&at=" + at),
                accessToken, browser, null);
    }

    /**
     * The shares at {@code path} (one matter's, one contact's or the firm's list of sharing-service) narrowed by
     * {@code query}, the filters' encoded query (may be empty).
     */
    public Uni<ApiAnswer> shares(String accessToken, String path, String query, BrowserContext browser) {
        return send(HttpMethod.GET, path + "?limit=" + PAGE + (query.isEmpty() ? "" : "&" + query), accessToken, browser,
                null);
    }

    public Uni<ApiAnswer> contacts(String accessToken, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/contacts?limit=" + PAGE, accessToken, browser, null);
    }

    /** One click: the share expires its contact kind's default from now (sharing-service never shortens it this way). */
    public Uni<ApiAnswer> extendShare(String accessToken, UUID share, BrowserContext browser) {
        return send(HttpMethod.POST, "/api/v1/shares/" + share + "/extend", accessToken, browser, new JsonObject());
    }

    /** The firm feed (feed-service), newest first; {@code query} is the feed's filters and cursor, encoded, each after '&'. */
    public Uni<ApiAnswer> feed(String accessToken, String query, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/feed?limit=" + FEED_PAGE + query, accessToken, browser, null);
    }

    /** One matter's feed: 404 when the caller cannot open the matter now, or it is another firm's. */
    public Uni<ApiAnswer> matterFeed(String accessToken, UUID matter, String query, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/feed/matters/" + matter + "?limit=" + FEED_PAGE + query, accessToken, browser, null);
    }

    /** The firm's hash chain recomputed (administrators): the first break and the last purge's anchor. */
    public Uni<ApiAnswer> verifyFeedChain(String accessToken, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/feed/verify", accessToken, browser, null);
    }

    /** A contact signs in to one firm's client portal (identity's portal sign-in; tokens of the portal audience). */
    public Uni<ApiAnswer> portalLogin(UUID firm, String email, String password, BrowserContext browser) {
        return send(HttpMethod.POST, "/api/v1/portal-auth/login", null, browser,
                new JsonObject().put("firmId", firm.toString()).put("email", email).put("password", password));
    }

    public Uni<ApiAnswer> portalLoginTwoFactor(String challengeToken, String code, String recoveryCode, BrowserContext browser) {
        return send(HttpMethod.POST, "/api/v1/portal-auth/login/two-factor", null, browser, secondStep(challengeToken, code, recoveryCode));
    }

    public Uni<ApiAnswer> portalRefresh(String refreshToken, BrowserContext browser) {
        return send(HttpMethod.POST, "/api/v1/portal-auth/refresh", null, browser, new JsonObject().put("refreshToken", refreshToken));
    }

    public Uni<ApiAnswer> portalLogout(String accessToken, BrowserContext browser) {
        return send(HttpMethod.POST, "/api/v1/portal-auth/logout", accessToken, browser, null);
    }

    /** The signed-in contact's active shares (sharing-service's portal API), newest first. */
    public Uni<ApiAnswer> portalShares(String accessToken, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/portal/shares?limit=" + PAGE, accessToken, browser, null);
    }

    /** Opens one of the contact's shares: sharing-service records the open (time, address, browser) as evidence. */
    public Uni<ApiAnswer> portalShare(String accessToken, UUID share, BrowserContext browser) {
        return send(HttpMethod.GET, "/api/v1/portal/shares/" + share, accessToken, browser, null);
    }

    /** A sign-in's second step, firm user's or contact's: the challenge and a TOTP code or a recovery code. */
    private static JsonObject secondStep(String challengeToken, String code, String recoveryCode) {
        JsonObject body = new JsonObject().put("challengeToken", challengeToken);
        return recoveryCode != null ? body.put("recoveryCode", recoveryCode) : body.put("code", code);
    }

    private Uni<ApiAnswer> send(HttpMethod method, String path, String accessToken, BrowserContext browser, JsonObject body) {
        HttpRequest<Buffer> request = client.request(method, base.getPath().replaceAll("/$", "") + path)
                .timeout(TIMEOUT.toMillis())
                .putHeader("Accept", "application/json");
        if (accessToken != null) {
            request.putHeader("Authorization", "Bearer " + accessToken);
        }
        if (browser != null) {
            if (browser.userAgent() != null) {
                request.putHeader("User-Agent", browser.userAgent());
            }
            if (browser.clientIp() != null) {
                // believed by the gateway only when the console's address is one of its trusted proxies
                request.putHeader("X-Forwarded-For", browser.clientIp());
            }
        }
        Uni<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
        return sent.map(GatewayClient::answer).onFailure().transform(failure -> {
            Log.warnf("the gateway did not answer %s %s: %s", method, path.replaceAll("\\?.*", ""), failure.getClass().getSimpleName());
            return ConsoleProblem.unavailable();
        });
    }

    private static ApiAnswer answer(HttpResponse<Buffer> response) {
        JsonObject json;
        try {
            Buffer buffer = response.body();
            if (buffer == null || buffer.length() == 0) {
                json = new JsonObject();
            } else if (buffer.getByte(0) == '[') {
                json = new JsonObject().put("items", buffer.toJsonArray());
            } else {
                json = buffer.toJsonObject();
            }
        } catch (RuntimeException e) {
            json = new JsonObject();
        }
        return new ApiAnswer(response.statusCode(), json);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
