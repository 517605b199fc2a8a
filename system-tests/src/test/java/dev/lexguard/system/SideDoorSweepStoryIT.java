package dev.lexguard.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The side-door sweep: one firm, one matter walled against an administrator and against a user with billing,
 * reporting and accounts permissions. Every operation of the gateway's merged OpenAPI document is either called by
 * both (through the gateway) and must answer 404 or leave the matter out, or is listed with the reason it cannot
 * name, list, export or stream anything of a matter. An operation added without a case here fails the sweep.
 * <p>
 * A second, unwalled matter is shared and written about the same way, and the administrator must see it in the
 * same answers: a sweep that saw nothing at all would prove nothing.
 */
@ExtendWith(TheSystem.class)
class SideDoorSweepStoryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Map<String, String> ID_OF_COLLECTION = Map.ofEntries(Map.entry("/matters", "matterId"),
            Map.entry("/shares", "shareId"), Map.entry("/contacts", "contactId"), Map.entry("/groups", "groupId"),
            Map.entry("/roles", "roleId"), Map.entry("/activity-descriptions", "descriptionId"), Map.entry("/sessions", "sessionId"),
            Map.entry("/users", "ownerId"), Map.entry("/portal-auth/accounts", "ownerId"), Map.entry("/firms", "firmId"),
            Map.entry("/devices", "deviceId"));
    private static final Pattern INSTANCE = Pattern.compile("\"instance\":\"[^\"]*\"");
    private static final HttpClient STREAMS = HttpClient.newHttpClient();
    private static final RestAssuredConfig PATIENT_TEN_SECONDS = RestAssuredConfig.config().httpClient(
            HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 10_000).setParam("http.connection.timeout", 5_000));

    /** How an operation is swept. */
    private sealed interface Case {
    }

    /** Called by both walled users: 200 (or the listed refusals) and not a trace of the walled matter. */
    private record Omits(Map<String, String> query, Set<Integer> refusals) implements Case {
    }

    /** Names the walled matter or one of its shares: answered exactly as an id no firm has (404 where the path names it). */
    private record Refused(Object body) implements Case {
    }

    /** The firm feed's stream: read for a while as something about the walled matter happens. */
    private record Streams() implements Case {
    }

    /** Not called: cannot name, list, export or stream anything of a matter, for the reason given. */
    private record Unrelated(String reason) implements Case {
    }

    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> secrets = new ArrayList<>();
    private final List<String> controls = new ArrayList<>();
    private String ownerToken;

    @Test
    void aWalledAdministratorAndAWalledAccountsUserFindNoSideDoor() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Firm firm = Firm.signUp("Sweep LLP");
        String owner = firm.ownerToken();
        ownerToken = owner;
        UUID ownerId = UUID.fromString(Firm.claims(owner).path("sub").asText());
        UUID adam = firm.person("adam", "Adam Administrator");
        UUID bill = firm.person("bill", "Bill Accounts");
        TheSystem.as(owner).body(Map.of("permissions", List.of("administrator"))).put("/api/v1/permissions/users/" + adam)
                .then().statusCode(200);
        TheSystem.as(owner).body(Map.of("permissions", List.of("billing", "reporting", "accounts")))
                .put("/api/v1/permissions/users/" + bill).then().statusCode(200);
        String group = TheSystem.as(owner).body(Map.of("name", "Partners " + suffix, "kind", "role"))
                .post("/api/v1/groups").then().statusCode(201).extract().path("id");
        TheSystem.as(owner).put("/api/v1/groups/" + group + "/members/" + adam).then().statusCode(204);

        String walled = matter(owner, "W-" + suffix, "Walled matter " + suffix);
        String open = matter(owner, "O-" + suffix, "Open matter " + suffix);
        TheSystem.as(owner).body(Map.of("mode", "everyone", "groupIds", List.of(), "userIds", List.of(),
                "blockedUserIds", List.of(adam, bill))).put("/api/v1/matters/" + walled + "/access").then().statusCode(200);
        String contact = TheSystem.as(owner).body(Map.of("name", "Cora Client " + suffix, "email", firm.email("cora"),
                "kind", "client")).post("/api/v1/contacts").then().statusCode(201).extract().path("id");
        String walledShare = share(owner, contact, walled, "Walled letter " + suffix);
        String openShare = share(owner, contact, open, "Open letter " + suffix);
        String description = TheSystem.as(owner).body(Map.of("name", "Sweep call " + suffix, "category", "Advice",
                "visibility", "everyone")).post("/api/v1/activity-descriptions").then().statusCode(201).extract().path("id");
        String role = TheSystem.as(owner).body(Map.of("name", "Clerk " + suffix, "permissions", List.of("billing")))
                .post("/api/v1/permissions/roles").then().statusCode(201).extract().path("id");

        // the feed has entries about both matters (and their shares) before anyone looks
        List<String> walledEntries = awaitEntries(owner, walled);
        awaitEntries(owner, open);
        // a feed review by the owner that flags one of them: another administrator reads it without them
        String review = TheSystem.as(owner).body(Map.of("note", "sweep", "flaggedEntryIds", List.of(walledEntries.get(0))))
                .post("/api/v1/feed/reviews").then().statusCode(201).extract().path("id");
        secrets.addAll(List.of(walled, "W-" + suffix, "Walled matter " + suffix, walledShare, "Walled letter " + suffix));
        secrets.addAll(walledEntries);
        controls.addAll(List.of(open, openShare));

        String adamToken = Firm.login(firm.email("adam"), null).get("accessToken");
        String billToken = Firm.login(firm.email("bill"), null).get("accessToken");
        Map<String, String> adamSession = Firm.login(firm.email("adam"), null);

        values.put("firmId", Firm.claims(owner).path("firm").asText());
        values.put("entryId", walledEntries.get(0));
        values.put("reviewId", review);
        // a phone of Adam's, for the device paths (their long poll answers only the device's own credential)
        values.put("deviceId", TheSystem.as(Firm.login(firm.email("adam"), null).get("accessToken")).body(Map.of("name", "Adam's phone",
                "platform", "android", "appVersion", "3.4.1")).post("/api/v1/devices").then().statusCode(201)
                .extract().path("device.id"));
        values.putAll(Map.of("matterId", walled, "shareId", walledShare, "contactId", contact, "groupId", group,
                "roleId", role, "descriptionId", description, "ownerId", ownerId.toString(),
                "sessionId", adamSession.get("sessionId"), "openMatterId", open, "walledTitle", "Walled letter " + suffix));

        Map<String, Case> cases = cases();
        JsonNode doc = JSON.readTree(TheSystem.gateway().get("/api-docs/openapi.json").then().statusCode(200)
                .extract().asString());
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                    operations.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        assertThat(operations).as("the merged OpenAPI document lists every service's operations").hasSizeGreaterThan(100);
        assertThat(cases.keySet()).as("operations without a case in the side-door sweep").containsAll(operations);
        assertThat(operations).as("cases for operations the API no longer has").containsAll(cases.keySet());

        List<String> failures = new ArrayList<>();
        int controlSightings = 0;
        // reads first, then the attempts to change the walled matter's things, so that none of them alters a read
        for (boolean reads : List.of(true, false)) {
            for (String operation : operations) {
                Case sweep = cases.get(operation);
                boolean read = operation.startsWith("GET ");
                if (sweep instanceof Unrelated || read != reads) {
                    continue;
                }
                for (Map.Entry<String, String> caller : Map.of("administrator", adamToken, "accounts user", billToken).entrySet()) {
                    Outcome outcome = call(operation, sweep, caller.getValue(), values);
                    Map<String, String> unknownIds = unknownTwin();
                    Outcome unknown = sweep instanceof Refused ? call(operation, sweep, caller.getValue(), unknownIds) : null;
                    String failure = judge(operation, sweep, caller.getKey(), outcome, unknown, unknownIds);
                    if (failure != null) {
                        failures.add(failure);
                    }
                    if (caller.getKey().equals("administrator") && controls.stream().anyMatch(outcome.body()::contains)) {
                        controlSightings++;
                    }
                }
            }
        }
        assertThat(failures).as("side doors into the walled matter").isEmpty();
        assertThat(controlSightings).as("answers in which the administrator saw the unwalled matter or its share")
                .isGreaterThanOrEqualTo(10);
    }

    /**
     * Every operation of the API, by method and path template. Add the new one here: {@link Omits} for what lists or
     * exports, {@link Refused} for what names a matter's object, {@link Unrelated} with a reason otherwise.
     */
    private Map<String, Case> cases() {
        Map<String, Case> cases = new LinkedHashMap<>();
        Omits omits = new Omits(Map.of(), Set.of());
        Map<String, String> lastYear = Map.of("from", Instant.now().minus(Duration.ofDays(300)).toString(),
                "to", Instant.now().plus(Duration.ofDays(1)).toString());
        Refused refused = new Refused(null);

        // feed-service
        cases.put("GET /api/v1/feed", omits);
        cases.put("GET /api/v1/feed/export/ndjson", new Omits(lastYear, Set.of()));
        cases.put("GET /api/v1/feed/export/csv", new Omits(lastYear, Set.of()));
        cases.put("GET /api/v1/feed/matters/{matterId}", refused);
        cases.put("GET /api/v1/feed/objects/{objectType}/{objectId}", refused);
        cases.put("GET /api/v1/feed/users/{userId}", omits);
        cases.put("GET /api/v1/feed/stream", new Streams());
        cases.put("GET /api/v1/feed/verify", omits);
        cases.put("GET /api/v1/feed/retention", omits);
        cases.put("PUT /api/v1/feed/retention", new Unrelated("a firm-wide number of days"));
        cases.put("POST /api/v1/feed/retention/purge", new Unrelated("drops old entries of every matter alike; answers a count"));
        cases.put("GET /api/v1/feed/entries/{entryId}", refused);
        cases.put("GET /api/v1/feed/reviews/settings", new Unrelated("the firm's review interval and reviewer ids"));
        cases.put("PUT /api/v1/feed/reviews/settings", new Unrelated("the firm's review interval and reviewer ids"));
        cases.put("GET /api/v1/feed/reviews/due", omits);
        cases.put("POST /api/v1/feed/reviews", new Refused(Map.of("note", "sweep",
                "flaggedEntryIds", List.of("{entryId}"))));
        cases.put("GET /api/v1/feed/reviews", omits);
        cases.put("GET /api/v1/feed/reviews/{reviewId}", omits);
        cases.put("GET /api/v1/feed/reviews/{reviewId}/evidence", new Omits(Map.of("format", "csv"), Set.of()));

        // permissions-service
        cases.put("GET /api/v1/matters", omits);
        cases.put("GET /api/v1/matters/{id}", refused);
        cases.put("PUT /api/v1/matters/{id}", new Refused(Map.of("displayNumber", "X-1", "description", "renamed", "status", "open")));
        cases.put("POST /api/v1/matters/{id}/close", refused);
        cases.put("GET /api/v1/matters/{id}/access", refused);
        cases.put("PUT /api/v1/matters/{id}/access", new Refused(Map.of("mode", "everyone", "groupIds", List.of(),
                "userIds", List.of(), "blockedUserIds", List.of())));
        cases.put("POST /api/v1/matters", new Unrelated("creates a new matter; names none that exists"));
        cases.put("GET /api/v1/access/users/{userId}/matters/{matterId}", refused);
        cases.put("GET /api/v1/access/users/{userId}/matters", omits);
        cases.put("GET /api/v1/access/matters/{matterId}/users", refused);
        cases.put("POST /api/v1/access/checks", new Refused(Map.of("checks", List.of(Map.of("userId", "{ownerId}", "matterId", "{matterId}")))));
        cases.put("GET /api/v1/activity-descriptions", omits);
        cases.put("GET /api/v1/activity-descriptions/{id}", omits);
        cases.put("POST /api/v1/activity-descriptions", new Unrelated("descriptions are the firm's, not a matter's"));
        cases.put("PUT /api/v1/activity-descriptions/{id}", new Unrelated("descriptions are the firm's, not a matter's"));
        cases.put("DELETE /api/v1/activity-descriptions/{id}", new Unrelated("descriptions are the firm's, not a matter's"));
        cases.put("GET /api/v1/groups", omits);
        cases.put("GET /api/v1/groups/{id}", omits);
        cases.put("GET /api/v1/groups/{id}/members", omits);
        cases.put("GET /api/v1/groups/default-filter", omits);
        cases.put("POST /api/v1/groups", new Unrelated("a group names people, not matters"));
        cases.put("PUT /api/v1/groups/{id}", new Unrelated("a group names people, not matters"));
        cases.put("DELETE /api/v1/groups/{id}", new Unrelated("a group names people, not matters"));
        cases.put("PUT /api/v1/groups/{id}/members/{userId}", new Unrelated("a group names people, not matters"));
        cases.put("DELETE /api/v1/groups/{id}/members/{userId}", new Unrelated("a group names people, not matters"));
        cases.put("PUT /api/v1/groups/default-filter", new Unrelated("the caller's own default group filter names groups, not matters"));
        cases.put("GET /api/v1/permissions/users/{userId}", omits);
        cases.put("PUT /api/v1/permissions/users/{userId}", new Unrelated("account permissions, not matters"));
        cases.put("POST /api/v1/permissions/ownership", new Unrelated("account ownership, not matters"));
        cases.put("GET /api/v1/permissions/roles", omits);
        cases.put("GET /api/v1/permissions/roles/{id}", omits);
        cases.put("POST /api/v1/permissions/roles", new Unrelated("account permissions, not matters"));
        cases.put("PUT /api/v1/permissions/roles/{id}", new Unrelated("account permissions, not matters"));
        cases.put("DELETE /api/v1/permissions/roles/{id}", new Unrelated("account permissions, not matters"));
        cases.put("PUT /api/v1/permissions/users/{userId}/roles/{roleId}", new Unrelated("account permissions, not matters"));
        cases.put("DELETE /api/v1/permissions/users/{userId}/roles/{roleId}", new Unrelated("account permissions, not matters"));

        // sharing-service
        cases.put("GET /api/v1/shares", omits);
        cases.put("GET /api/v1/shares/summary", omits);
        cases.put("GET /api/v1/shares/export", omits);
        cases.put("GET /api/v1/shares/matters/{matterId}", refused);
        cases.put("GET /api/v1/shares/matters/{matterId}/summary", refused);
        cases.put("GET /api/v1/shares/matters/{matterId}/export", refused);
        cases.put("GET /api/v1/shares/{id}", refused);
        cases.put("POST /api/v1/shares/{id}/revoke", new Refused(Map.of("reason", "sweep")));
        cases.put("PUT /api/v1/shares/{id}/expiry", new Refused(Map.of("expiresAt", Instant.now().plus(Duration.ofDays(60)).toString())));
        cases.put("POST /api/v1/shares/{id}/extend", refused);
        cases.put("POST /api/v1/shares", new Refused(Map.of("contactId", "{contactId}", "matterId", "{matterId}",
                "resourceType", "document", "resourceId", "doc-sweep", "title", "Sweep", "accessLevel", "view",
                "expiresAt", Instant.now().plus(Duration.ofDays(30)).toString())));
        cases.put("GET /api/v1/shares/policy", omits);
        cases.put("PUT /api/v1/shares/policy", new Unrelated("firm-wide expiry and review periods"));
        cases.put("GET /api/v1/contacts", omits);
        cases.put("GET /api/v1/contacts/{id}", omits);
        cases.put("GET /api/v1/contacts/{id}/shares", omits);
        cases.put("GET /api/v1/contacts/{id}/shares/summary", omits);
        cases.put("GET /api/v1/contacts/{id}/shares/export", omits);
        cases.put("POST /api/v1/contacts", new Unrelated("a contact is the firm's, not a matter's"));
        cases.put("PUT /api/v1/contacts/{id}", new Unrelated("a contact is the firm's, not a matter's"));
        cases.put("DELETE /api/v1/contacts/{id}", new Unrelated("a contact is the firm's; deleting one is refused while shares exist"));
        cases.put("GET /api/v1/share-reviews/due", new Omits(Map.of("withinDays", "365"), Set.of()));
        cases.put("GET /api/v1/share-reviews/report", omits);
        cases.put("GET /api/v1/share-reviews/report/export", omits);
        cases.put("POST /api/v1/share-reviews/shares/{shareId}", new Refused(Map.of("decision", "keep", "note", "sweep")));
        cases.put("POST /api/v1/share-reviews/decisions", new Refused(Map.of("decisions",
                List.of(Map.of("shareId", "{shareId}", "decision", "keep", "note", "sweep")))));
        cases.put("GET /api/v1/portal/shares", new Omits(Map.of(), Set.of(401)));
        cases.put("GET /api/v1/portal/shares/{id}", refused);

        // sessions-service: sessions and sign-ins name people, devices and places; swept in case one ever names more
        cases.put("GET /api/v1/sessions", omits);
        cases.put("GET /api/v1/sessions/export", omits);
        cases.put("GET /api/v1/sessions/mine", omits);
        cases.put("GET /api/v1/sessions/{id}", new Omits(Map.of(), Set.of(404)));
        cases.put("GET /api/v1/sessions/policy", omits);
        cases.put("GET /api/v1/sign-ins", omits);
        cases.put("GET /api/v1/sign-ins/mine", omits);
        for (String change : List.of("PUT /api/v1/sessions/policy", "DELETE /api/v1/sessions/{id}", "POST /api/v1/sessions/{id}/not-me",
                "POST /api/v1/sessions/mine/end-others", "POST /api/v1/sessions/users/{userId}/end", "POST /api/v1/sessions/end-all")) {
            cases.put(change, new Unrelated("ends sessions or sets their lifetimes; names no matter"));
        }

        // identity-service: people, sign-in, factors, devices, the firm, single sign-on; no matter is known there
        cases.put("GET /api/v1/me", omits);
        cases.put("GET /api/v1/users", omits);
        cases.put("GET /api/v1/users/{id}", omits);
        cases.put("GET /api/v1/firms/{id}", omits);
        cases.put("GET /api/v1/firms/keycloak", new Omits(Map.of(), Set.of(403, 404)));
        cases.put("GET /api/v1/devices", omits);
        cases.put("GET /api/v1/devices/policy", omits);
        cases.put("GET /api/v1/two-factor", omits);
        cases.put("GET /api/v1/two-factor/users", omits);
        cases.put("GET /api/v1/two-factor/policy", omits);
        cases.put("GET /api/v1/portal-auth/accounts", omits);
        cases.put("GET /api/v1/portal-auth/accounts/{id}", new Omits(Map.of(), Set.of(403, 404)));
        cases.put("GET /api/v1/portal-auth/me", new Omits(Map.of(), Set.of(401)));
        cases.put("GET /.well-known/jwks.json", omits);
        cases.put("GET /api/v1/passkeys", omits);
        cases.put("GET /api/v1/passkeys/policy", omits);
        // the app's long poll authenticates as the device (X-Device-Credential), not with a user's token
        cases.put("GET /api/v1/devices/{id}/approvals", new Omits(Map.of(), Set.of(401)));
        for (String change : List.of("POST /api/v1/firms", "PUT /api/v1/firms/keycloak", "DELETE /api/v1/firms/keycloak",
                "PUT /api/v1/firms/keycloak/second-factor-trust",
                "POST /api/v1/firms/keycloak/reconciliation", "POST /api/v1/auth/sso/start", "POST /api/v1/auth/sso/callback",
                "POST /api/v1/auth/password-reset", "POST /api/v1/auth/password-reset/complete", "POST /api/v1/me/password",
                "POST /api/v1/auth/login", "POST /api/v1/auth/login/two-factor", "POST /api/v1/auth/refresh",
                "POST /api/v1/auth/logout", "POST /api/v1/auth/step-up", "POST /api/v1/devices", "PUT /api/v1/devices/{id}/pin",
                "POST /api/v1/devices/{id}/unlock", "POST /api/v1/devices/{id}/sign-out", "PUT /api/v1/devices/policy",
                "POST /api/v1/two-factor/enrolment", "POST /api/v1/two-factor/enrolment/confirm", "POST /api/v1/two-factor/disable",
                "POST /api/v1/two-factor/recovery-codes", "POST /api/v1/two-factor/users/{userId}/reset",
                "PUT /api/v1/two-factor/policy", "POST /api/v1/two-factor/enrolment-token",
                "POST /api/v1/two-factor/enrolment-token/confirm", "GET /api/v1/invitations/{token}", "POST /api/v1/invitations/{token}",
                "POST /api/v1/users", "POST /api/v1/users/{id}/invitation", "POST /api/v1/users/{id}/deactivate",
                "POST /api/v1/passkeys/registration-options", "POST /api/v1/passkeys", "PUT /api/v1/passkeys/policy",
                "PATCH /api/v1/passkeys/{id}", "DELETE /api/v1/passkeys/{id}", "POST /api/v1/auth/login/passkey-options",
                "POST /api/v1/auth/login/passkey", "POST /api/v1/auth/passkey-options", "POST /api/v1/auth/passkey",
                "POST /api/v1/auth/step-up/passkey-options", "POST /api/v1/auth/login/approval",
                "POST /api/v1/auth/login/approval/complete", "POST /api/v1/devices/{id}/approval-key/challenge",
                "PUT /api/v1/devices/{id}/approval-key", "DELETE /api/v1/devices/{id}/approval-key",
                "POST /api/v1/devices/{id}/approvals/{requestId}")) {
            cases.put(change, new Unrelated("identity-service signs people in and keeps their factors; it knows no matter"));
        }
        for (String portal : List.of("POST /api/v1/portal-auth/accounts/{id}/invitation", "POST /api/v1/portal-auth/accounts/{id}/disable",
                "DELETE /api/v1/portal-auth/accounts/{id}/two-factor", "GET /api/v1/portal-auth/invitations/{token}",
                "POST /api/v1/portal-auth/invitations/{token}", "POST /api/v1/portal-auth/login",
                "POST /api/v1/portal-auth/login/two-factor", "POST /api/v1/portal-auth/refresh", "POST /api/v1/portal-auth/logout",
                "POST /api/v1/portal-auth/two-factor/enrolment", "POST /api/v1/portal-auth/two-factor/enrolment/confirm",
                "POST /api/v1/portal-auth/two-factor/disable", "POST /api/v1/portal-auth/password-resets",
                "POST /api/v1/portal-auth/password-resets/complete", "POST /api/v1/portal-auth/two-factor/enrolment-token",
                "POST /api/v1/portal-auth/two-factor/enrolment-token/confirm")) {
            cases.put(portal, new Unrelated("a contact's portal account and sign-in; no matter is named"));
        }
        return cases;
    }

    private record Outcome(int status, String body) {
    }

    private Outcome call(String operation, Case sweep, String token, Map<String, String> ids) throws IOException {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = fill(operation.substring(operation.indexOf(' ') + 1), ids);
        if (sweep instanceof Streams) {
            return stream(path, token);
        }
        RequestSpecification request = TheSystem.as(token).config(PATIENT_TEN_SECONDS);
        if (sweep instanceof Omits omits) {
            request.queryParams(omits.query());
        }
        if (sweep instanceof Refused refusedCase && refusedCase.body() != null) {
            request.body(fill(JSON.writeValueAsString(refusedCase.body()), ids));
        }
        Response response = request.request(method, path);
        return new Outcome(response.statusCode(), response.asString());
    }

    /**
     * Opens the stream, then lets the owner share a document of each matter, and reads for five seconds: the open
     * matter's share must arrive (the stream works), the walled one's must not.
     */
    private Outcome stream(String path, String token) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(TheSystem.gatewayUri().resolve(path))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        CompletableFuture<HttpResponse<InputStream>> opening = STREAMS.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        sleep(Duration.ofMillis(500));
        share(ownerToken, values.get("contactId"), values.get("matterId"), values.get("walledTitle") + " (streamed)");
        share(ownerToken, values.get("contactId"), values.get("openMatterId"), "Open letter streamed " + UUID.randomUUID());
        StringBuilder seen = new StringBuilder();
        HttpResponse<InputStream> response;
        try {
            response = opening.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            return new Outcome(0, "no answer within 5 s: " + e);
        }
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (InputStream in = response.body()) {
            Future<?> reading = reader.submit(() -> {
                byte[] buffer = new byte[8192];
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    synchronized (seen) {
                        seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    }
                }
                return null;
            });
            try {
                reading.get(5, TimeUnit.SECONDS);
            } catch (TimeoutException stillOpen) {
                reading.cancel(true);
            } catch (InterruptedException | ExecutionException e) {
                synchronized (seen) {
                    seen.append(" [stream failed: ").append(e.getCause()).append(']');
                }
            }
        } finally {
            reader.shutdownNow();
        }
        synchronized (seen) {
            return new Outcome(response.statusCode(), seen.toString());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The verdict on one answer, or null if it is sound. A walled object must be answered exactly as an id the firm
     * does not have ({@code unknown}: same status, same problem type), which is 404 wherever one id is named; the
     * ids the caller sent may come back (a problem's "instance", "no share has the id ..."), nothing else of them.
     */
    private String judge(String operation, Case sweep, String who, Outcome outcome, Outcome unknown, Map<String, String> unknownIds) {
        String answer = INSTANCE.matcher(outcome.body()).replaceAll("");
        if (sweep instanceof Refused) {
            // the ids the caller named may be echoed back
            answer = answer.replace(values.get("matterId"), "").replace(values.get("shareId"), "").replace(values.get("entryId"), "");
        }
        String leaked = secrets.stream().filter(answer::contains).findFirst().orElse(null);
        String said = operation + " as the " + who + " answered " + outcome.status();
        if (leaked != null) {
            return said + " naming the walled matter's '" + leaked + "': " + abbreviate(answer);
        }
        boolean administrator = who.equals("administrator");
        int status = outcome.status();
        if (sweep instanceof Refused) {
            String unknownAnswer = INSTANCE.matcher(unknown.body()).replaceAll("")
                    .replace(unknownIds.get("matterId"), "").replace(unknownIds.get("shareId"), "")
                    .replace(unknownIds.get("entryId"), "");
            boolean refused = status >= 400 && status < 500 && problemType(outcome).equals(problemType(unknown));
            // a batch answers every id it was given: the walled one exactly as one no firm has
            boolean answeredAsUnknown = status < 300 && withoutRequestIds(answer).equals(withoutRequestIds(unknownAnswer));
            return status == unknown.status() && (refused || answeredAsUnknown) ? null : said + " (an unknown id: " + unknown.status() + " "
                    + problemType(unknown) + "): " + abbreviate(answer);
        }
        if (sweep instanceof Omits omits) {
            // 403 for a missing account permission says nothing about the matter; an administrator has them all
            return status == 200 || omits.refusals().contains(status) || !administrator && status == 403 ? null
                    : said + ": " + abbreviate(answer);
        }
        return status == 200 ? null : said;
    }

    /** The same ids, but the walled matter and its share replaced by ids no firm has. */
    private Map<String, String> unknownTwin() {
        Map<String, String> twin = new LinkedHashMap<>(values);
        twin.put("matterId", UUID.randomUUID().toString());
        twin.put("shareId", UUID.randomUUID().toString());
        twin.put("entryId", UUID.randomUUID().toString());
        return twin;
    }

    private static String withoutRequestIds(String answer) {
        return answer.replaceAll("\"requestId\":\"[^\"]*\"", "");
    }

    private static String problemType(Outcome outcome) {
        try {
            return JSON.readTree(outcome.body()).path("type").asText("");
        } catch (IOException notJson) {
            return "";
        }
    }

    private String fill(String text, Map<String, String> ids) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = switch (name) {
                case "matterId", "objectId" -> ids.get("matterId");
                case "objectType" -> "matter";
                case "userId" -> ids.get("ownerId");
                case "token" -> "no-such-token";
                default -> ids.get(name);
            };
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value != null ? value : idFor(text, ids)));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    /** The id an {@code {id}} stands for, by the collection it follows. */
    private static String idFor(String path, Map<String, String> values) {
        return ID_OF_COLLECTION.entrySet().stream().filter(collection -> path.contains(collection.getKey() + "/{id}"))
                .map(collection -> values.get(collection.getValue())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no value for a placeholder of " + path));
    }

    private static String matter(String owner, String number, String description) {
        return TheSystem.as(owner).body(Map.of("displayNumber", number, "description", description, "status", "open"))
                .post("/api/v1/matters").then().statusCode(201).extract().path("id");
    }

    private static String share(String owner, String contact, String matter, String title) {
        Map<String, Object> share = Map.of("contactId", contact, "matterId", matter, "resourceType", "document",
                "resourceId", "doc-" + UUID.randomUUID(), "title", title, "accessLevel", "view",
                "expiresAt", Instant.now().plus(Duration.ofDays(30)).toString());
        // sharing-service learns who may see the new matter from permissions-service's events: retry until it has
        String[] id = new String[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Response response = TheSystem.as(owner).body(share).post("/api/v1/shares");
            id[0] = response.statusCode() == 201 ? response.path("id") : null;
            return id[0] != null;
        });
        return id[0];
    }

    private static List<String> awaitEntries(String owner, String matter) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
                TheSystem.as(owner).get("/api/v1/feed/matters/" + matter).then().statusCode(200).extract()
                        .jsonPath().getList("items").size() >= 2);
        return TheSystem.as(owner).get("/api/v1/feed/matters/" + matter).then().extract().jsonPath().getList("items.id");
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }

}
