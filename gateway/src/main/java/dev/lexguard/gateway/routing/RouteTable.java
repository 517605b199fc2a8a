package dev.lexguard.gateway.routing;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ARCHITECTURE.md's routing table: the first path segment after {@code /api/v1/} names the owning service.
 * Also decides which requests are public (no token) and which audience a token must carry.
 */
public final class RouteTable {

    public static final String API_PREFIX = "/api/v1/";
    public static final String JWKS_PATH = "/.well-known/jwks.json";
    public static final String JWKS_ROUTE = "jwks";
    /** The security console's pages (console/): public to the gateway, which checks no token there (the console keeps
     *  each person's tokens on its side and sends them with its own API calls, which pass through here like any other). */
    public static final String CONSOLE_PATH = "/console";
    public static final String CONSOLE_ROUTE = "console";
    public static final String CONSOLE_UPSTREAM = "console";

    private static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("auth", "identity"),
            Map.entry("firms", "identity"),
            Map.entry("users", "identity"),
            Map.entry("me", "identity"),
            Map.entry("devices", "identity"),
            Map.entry("invitations", "identity"),
            Map.entry("two-factor", "identity"),
            Map.entry("passkeys", "identity"),
            Map.entry("portal-auth", "identity"),
            Map.entry("permissions", "permissions"),
            Map.entry("groups", "permissions"),
            Map.entry("matters", "permissions"),
            Map.entry("activity-descriptions", "permissions"),
            Map.entry("access", "permissions"),
            Map.entry("shares", "sharing"),
            Map.entry("contacts", "sharing"),
            Map.entry("share-reviews", "sharing"),
            Map.entry("portal", "sharing"),
            Map.entry("sessions", "sessions"),
            Map.entry("sign-ins", "sessions"),
            Map.entry("feed", "feed"));

    /** Characters whose percent-encoding an upstream would decode into something the gateway did not match. */
    private static final String UNAMBIGUOUS_ONLY_IN_PLAIN = "-._~/\\;%";

    /** Routes whose responses carry credentials or sign-in state: never cached. */
    private static final List<String> AUTH_ROUTES = List.of("auth", "portal-auth", "two-factor", "invitations", "passkeys");

    /** Requests that need no access token: sign-up, sign-in and its second step, refresh, password reset,
     *  invitation accept, two-factor enrolment during sign-in, a passkey as the second step or alone, phone approval (the web
     *  page's request and completion, the app's approval key and answers as the device), the mobile app's PIN unlock, single sign-on through the
     *  firm's Keycloak, portal sign-in. */
    private static final Pattern OWN_SESSION_END = Pattern.compile("/api/v1/(auth|portal-auth)/logout/?");
    private static final List<PublicRule> PUBLIC = List.of(
            new PublicRule(HttpMethod.POST, Pattern.compile("/api/v1/firms/?")),
            new PublicRule(HttpMethod.POST, Pattern.compile(
                    "/api/v1/auth/login(/two-factor|/passkey|/passkey-options|/approval|/approval/complete)?/?")),
            new PublicRule(HttpMethod.POST, Pattern.compile("/api/v1/auth/passkey(-options)?/?")),
            new PublicRule(HttpMethod.POST, Pattern.compile("/api/v1/auth/refresh/?")),
            new PublicRule(HttpMethod.POST, Pattern.compile("/api/v1/auth/sso/(start|callback)/?")),
            new PublicRule(HttpMethod.POST, Pattern.compile("/api/v1/auth/password-reset(/complete)?/?")),
            new PublicRule(null, Pattern.compile("/api/v1/invitations/[^/]+/?")),
            new PublicRule(HttpMethod.POST, Pattern.compile("/api/v1/two-factor/enrolment-token(/confirm)?/?")),
            new PublicRule(HttpMethod.POST, Pattern.compile("/api/v1/devices/[^/]+/unlock/?")),
            // phone approval: the app authenticates as the device (its credential, and a P-256 signature on top)
            new PublicRule(HttpMethod.POST, Pattern.compile("/api/v1/devices/[^/]+/approval-key/challenge/?")),
            new PublicRule(HttpMethod.PUT, Pattern.compile("/api/v1/devices/[^/]+/approval-key/?")),
            new PublicRule(HttpMethod.DELETE, Pattern.compile("/api/v1/devices/[^/]+/approval-key/?")),
            new PublicRule(HttpMethod.GET, Pattern.compile("/api/v1/devices/[^/]+/approvals/?")),
            new PublicRule(HttpMethod.POST, Pattern.compile("/api/v1/devices/[^/]+/approvals/[^/]+/?")),
            // the portal's own endpoints check their portal token in identity-service; the administrators' view of
            // portal accounts (/portal-auth/accounts) is a firm API like any other
            new PublicRule(null, Pattern.compile("/api/v1/portal-auth(?!/accounts(/|$))(/.*)?")));

    private static final String UUID_SEGMENT = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /**
     * sessions-service's paths that a portal contact's token reaches (their own sessions and sign-ins), besides firm
     * users' tokens; every other path of sessions-service takes the firm API audience only.
     */
    private static final List<PublicRule> CONTACT_SESSION_PATHS = List.of(
            new PublicRule(HttpMethod.GET, Pattern.compile("/api/v1/sessions/mine/?")),
            new PublicRule(HttpMethod.GET, Pattern.compile("/api/v1/sessions/" + UUID_SEGMENT + "/?")),
            new PublicRule(HttpMethod.DELETE, Pattern.compile("/api/v1/sessions/" + UUID_SEGMENT + "/?")),
            new PublicRule(HttpMethod.POST, Pattern.compile("/api/v1/sessions/" + UUID_SEGMENT + "/not-me/?")),
            new PublicRule(HttpMethod.GET, Pattern.compile("/api/v1/sign-ins/mine/?")));

    private RouteTable() {
    }

    /**
     * The audience a request's token must carry: the route's, except on the contact paths of sessions-service
     * ({@code GET /sessions/mine}, {@code GET|DELETE /sessions/{id}}, {@code POST /sessions/{id}/not-me},
     * {@code GET /sign-ins/mine}), which take a firm user's or a portal contact's token.
     */
    public static Audience audience(Route route, HttpMethod method, String path) {
        if (route.audience() == Audience.API && "sessions".equals(route.upstream())) {
            for (PublicRule rule : CONTACT_SESSION_PATHS) {
                if (rule.method().equals(method) && rule.path().matcher(path).matches()) {
                    return Audience.API_OR_PORTAL;
                }
            }
        }
        return route.audience();
    }

    /** The route for a request path, or empty when no service owns it. */
    public static Optional<Route> resolve(String path) {
        if (JWKS_PATH.equals(path)) {
            return Optional.of(new Route(JWKS_ROUTE, "identity", Audience.NONE));
        }
        if (isConsole(path)) {
            return Optional.of(new Route(CONSOLE_ROUTE, CONSOLE_UPSTREAM, Audience.NONE));
        }
        if (!path.startsWith(API_PREFIX)) {
            return Optional.empty();
        }
        int end = path.indexOf('/', API_PREFIX.length());
        String segment = end < 0 ? path.substring(API_PREFIX.length()) : path.substring(API_PREFIX.length(), end);
        String owner = OWNERS.get(segment);
        if (owner == null) {
            return Optional.empty();
        }
        Audience audience = "portal".equals(segment) ? Audience.PORTAL : Audience.API;
        return Optional.of(new Route(segment, owner, audience));
    }

    /**
     * Whether a raw request path has one meaning only: the one the gateway's own decisions (which service, public or
     * not) read. Refused are the forms an upstream would read differently: matrix parameters ({@code ;}, which JAX-RS
     * strips), backslashes, empty segments, and percent-encodings of what changes matching once decoded (letters,
     * digits and {@code -._~}, {@code /}, {@code \}, {@code ;}, {@code %} itself, control characters); malformed
     * encodings too. Other encodings (spaces, non-ASCII text) pass unchanged. Dot segments are checked against
     * Vert.x's normalised path by the caller.
     */
    public static boolean isUnambiguous(String path) {
        if (path.indexOf(';') >= 0 || path.indexOf('\\') >= 0 || path.contains("//")) {
            return false;
        }
        for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
            if (i + 2 >= path.length()) {
                return false;
            }
            int high = Character.digit(path.charAt(i + 1), 16);
            int low = Character.digit(path.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return false;
            }
            char decoded = (char) (high * 16 + low);
            if (decoded < 0x20 || decoded == 0x7f || UNAMBIGUOUS_ONLY_IN_PLAIN.indexOf(decoded) >= 0
                    || Character.isLetterOrDigit(decoded) && decoded < 0x80) {
                return false;
            }
        }
        return true;
    }

    public static boolean isPublic(HttpMethod method, String path) {
        if (JWKS_PATH.equals(path) || isConsole(path)) {
            return true;
        }
        for (PublicRule rule : PUBLIC) {
            if ((rule.method() == null || rule.method().equals(method)) && rule.path().matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    /** {@code /console} and everything under {@code /console/} (not {@code /consoles}). */
    public static boolean isConsole(String path) {
        return path.equals(CONSOLE_PATH) || path.startsWith(CONSOLE_PATH + "/");
    }

    /**
     * A request that ends the caller's own session when its upstream accepts it: a firm user's or a contact's
     * sign-out. The gateway that carried it refuses the session's tokens from that answer on, without waiting for
     * the session's end to come back over Kafka.
     */
    public static boolean endsOwnSession(HttpMethod method, String path) {
        return HttpMethod.POST.equals(method) && OWN_SESSION_END.matcher(path).matches();
    }

    public static boolean isAuthRoute(Route route) {
        return AUTH_ROUTES.contains(route.name());
    }

    public static Map<String, String> owners() {
        return OWNERS;
    }

    /** Which token audience a route accepts. */
    public enum Audience {
        API, PORTAL, API_OR_PORTAL, NONE
    }

    /** A matched route: its name (the path segment), the upstream that owns it and the audience it needs. */
    public record Route(String name, String upstream, Audience audience) {
    }

    private record PublicRule(HttpMethod method, Pattern path) {
    }
}
