package dev.lexguard.console.pages;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The gateway's sharing endpoints played with sharing-service's documented answers (its OpenAPI examples): the firm's,
 * a contact's and a matter's shares and their CSV exports, the contacts, the matters, the users, the review queue, the
 * bulk decisions (all or nothing: another firm's or a revoked share among them is its 422 naming it) and the review report with its CSV.
 * Any other contact or matter is sharing-service's 404, as another firm's is. It records what the console asked and
 * the bodies it sent.
 */
public class SharingGateway extends PlayedGateway {

    static final String MATTER = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
    static final String CONTACT = "8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f";
    static final String SHARE = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d";
    static final String OVERDUE_SHARE = "7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e";
    /** A share revoked since the queue was shown: a decision that names it is refused whole. */
    static final String REVOKED_SHARE = "8c9d0e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f";
    /** Another firm's share: sharing-service knows no share of this firm by its id. */
    static final String FOREIGN_SHARE = "9d0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a";
    static final String USER = "cdba682f-99c5-4e72-b35b-9cec60f45e73";
    static final String SHARE_JSON = """
            {"id":"6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d","matterId":"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f","contactId":"8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f","contactName":"Casey Client","contactKind":"client","resourceType":"document","resourceId":"doc-2026-0042","title":"Engagement letter","accessLevel":"view","message":"Please review and sign.","sharedBy":"cdba682f-99c5-4e72-b35b-9cec60f45e73","createdAt":"2026-11-29T21:00:00.123456Z","expiresAt":"2027-05-31T00:00:00Z","status":"active","revokedAt":null,"revokedBy":null,"revokeReason":null,"nextReviewAt":"2026-11-28T21:00:00.123456Z","review":"due","openCount":2,"lastOpenedAt":"2026-11-30T08:15:00.654321Z"}""";
    static final String CONTACT_JSON = """
            {"id":"8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f","name":"Casey Client","email":"casey@client.example","kind":"client","source":"api","createdAt":"2026-11-29T21:00:00.123456Z","updatedAt":"2026-11-29T21:00:00.123456Z","portalAccessRequestedAt":null}""";
    static final String DECISION = """
            {"id":"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d","shareId":"6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d","decision":"keep","note":"Still engaged","decidedBy":"cdba682f-99c5-4e72-b35b-9cec60f45e73","decidedAt":"2026-11-29T21:30:00.123456Z","wasDueAt":"2026-11-28T09:00:00Z","previousExpiresAt":"2027-05-31T00:00:00Z","expiresAt":"2027-05-31T00:00:00Z","nextReviewAt":"2027-05-28T21:30:00.123456Z"}""";
    static final String REPORT = """
            {"firmId":"0b6c6f1e-3d1a-4a8e-9a55-2f1e0c7d9b10","from":"2026-01-01T00:00:00Z","to":"2027-01-01T00:00:00Z","generatedAt":"2026-11-29T21:40:00.123456Z","generatedBy":"cdba682f-99c5-4e72-b35b-9cec60f45e73","counts":{"keep":1,"revoke":0,"changeExpiry":0},"decisions":[{"reviewId":"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d","shareId":"6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d","matterId":"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f","contactId":"8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f","contactName":"Casey Client","contactKind":"client","resourceType":"document","resourceId":"doc-2026-0042","title":"Engagement letter","decision":"keep","note":"Still engaged <b>yes</b>","decidedBy":"cdba682f-99c5-4e72-b35b-9cec60f45e73","decidedAt":"2026-11-29T21:30:00.123456Z","wasDueAt":"2026-11-28T09:00:00Z","previousExpiresAt":"2027-05-31T00:00:00Z","expiresAt":"2027-05-31T00:00:00Z","nextReviewAt":"2027-05-28T21:30:00.123456Z"}]}""";
    static final String SHARES_CSV = "id,matterId,contactId,contactName,contactKind,resourceType,resourceId,title,accessLevel,"
            + "sharedBy,createdAt,expiresAt,status,revokedAt,revokedBy,revokeReason,nextReviewAt,review,openCount,lastOpenedAt\r\n"
            + "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d,3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f,8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f,Casey Client,"
            + "client,document,doc-2026-0042,Engagement letter,view,cdba682f-99c5-4e72-b35b-9cec60f45e73,2026-11-29T21:00:00.123456Z,"
            + "2027-05-31T00:00:00Z,active,,,,2027-05-28T21:00:00.123456Z,not-due,2,2026-11-30T08:15:00.654321Z\r\n";
    static final String REPORT_CSV = "reviewId,shareId,matterId,contactId,contactName,contactKind,resourceType,resourceId,title,"
            + "decision,note,decidedBy,decidedAt,wasDueAt,previousExpiresAt,expiresAt,nextReviewAt\r\n"
            + "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d,6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d,3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f,"
            + "8f1c2d3e-4b5a-4c6d-9e8f-0a1b2c3d4e5f,Casey Client,client,document,doc-2026-0042,Engagement letter,keep,Still engaged,"
            + "cdba682f-99c5-4e72-b35b-9cec60f45e73,2026-11-29T21:30:00.123456Z,2026-11-28T09:00:00Z,2027-05-31T00:00:00Z,"
            + "2027-05-31T00:00:00Z,2027-05-28T21:30:00.123456Z\r\n";
    static final String NOT_FOUND = """
            {"type":"https://lexguard.dev/problems/not-found","title":"Not found","status":404,"detail":"Not a contact of the firm","instance":"/api/v1/contacts/x/shares","requestId":"2c9d1e0f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"}""";
    static final String NOT_ACTIVE = """
            {"type":"https://lexguard.dev/problems/share-not-active","title":"Business rule violated","status":422,"detail":"Share(s) 8c9d0e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f are revoked or expired; nothing was applied","instance":"/api/v1/share-reviews/decisions","requestId":"2c9d1e0f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"}""";

    static final String UNKNOWN = """
            {"type":"https://lexguard.dev/problems/unknown-shares","title":"Business rule violated","status":422,"detail":"No share of this firm has the id(s) 9d0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a; nothing was applied","instance":"/api/v1/share-reviews/decisions","requestId":"2c9d1e0f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"}""";

    /** Every request the gateway received: method, path and query. */
    static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    /** The bodies of the bulk decisions it received. */
    static final List<JsonObject> DECISIONS = new CopyOnWriteArrayList<>();

    @Override
    void answer(HttpServerRequest request) {
        REQUESTS.add(request.method() + " " + request.uri());
        HttpServerResponse response = request.response();
        String path = request.path();
        if (request.method() == HttpMethod.POST && path.equals("/api/v1/share-reviews/decisions")) {
            request.body().onSuccess(body -> decide(response, body.toJsonObject()));
            return;
        }
        switch (path) {
            case "/api/v1/shares", "/api/v1/shares/matters/" + MATTER, "/api/v1/contacts/" + CONTACT + "/shares" ->
                    json(response, page(new JsonObject(SHARE_JSON), overdue()));
            case "/api/v1/shares/export", "/api/v1/shares/matters/" + MATTER + "/export", "/api/v1/contacts/" + CONTACT + "/shares/export" ->
                    csv(response, SHARES_CSV, "shares.csv");
            case "/api/v1/share-reviews/due" -> json(response, page(new JsonObject(SHARE_JSON), overdue()));
            case "/api/v1/share-reviews/report" -> json(response, REPORT);
            case "/api/v1/share-reviews/report/export" -> csv(response, REPORT_CSV, "share-review-report.csv");
            case "/api/v1/contacts" -> json(response, page(new JsonObject(CONTACT_JSON)));
            case "/api/v1/matters" -> json(response, page(new JsonObject().put("id", MATTER).put("displayNumber", "2026-0042")
                    .put("description", "Okafor v. Lane")));
            case "/api/v1/users" -> json(response, page(new JsonObject().put("id", USER).put("email", "ada@harbourlane.example")
                    .put("displayName", "Ada Okafor")));
            default -> problem(response, 404, NOT_FOUND);
        }
    }

    /** All or nothing, as sharing-service: another firm's or a revoked share among the decisions is its 422, naming it. */
    private static void decide(HttpServerResponse response, JsonObject body) {
        DECISIONS.add(body);
        JsonArray recorded = new JsonArray();
        for (int i = 0; i < body.getJsonArray("decisions").size(); i++) {
            JsonObject decision = body.getJsonArray("decisions").getJsonObject(i);
            if (FOREIGN_SHARE.equals(decision.getString("shareId"))) {
                problem(response, 422, UNKNOWN);
                return;
            }
            if (REVOKED_SHARE.equals(decision.getString("shareId"))) {
                problem(response, 422, NOT_ACTIVE);
                return;
            }
            recorded.add(new JsonObject(DECISION).put("shareId", decision.getString("shareId"))
                    .put("decision", decision.getString("decision")).put("note", decision.getString("note")));
        }
        json(response, recorded.encode());
    }

    private static JsonObject overdue() {
        return new JsonObject(SHARE_JSON).put("id", OVERDUE_SHARE).put("title", "Expert report <i>draft</i>").put("contactName", "Erin Expert")
                .put("contactKind", "expert").put("review", "overdue").put("nextReviewAt", "2026-10-01T09:00:00Z");
    }

    private static String page(JsonObject... items) {
        return new JsonObject().put("items", new JsonArray(List.of((Object[]) items))).putNull("nextCursor").encode();
    }

    private static void csv(HttpServerResponse response, String body, String filename) {
        response.putHeader("Content-Type", "text/csv;charset=UTF-8")
                .putHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"").end(body);
    }
}
