package dev.lexguard.console.pages;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server in the test playing the gateway's feed endpoints with feed-service's documented answers (its
 * OpenAPI examples): the console's tests have no gateway. The live stream sends two entries after the Last-Event-ID it
 * is given (after 41 without one) and then stays open, or, for {@code category=security}, ends as feed-service's stream
 * does when the session that opened it ends. An export comes in two halves, a pause between them. It records what the console asked and when a stream's connection closed.
 */
public class FeedGateway extends PlayedGateway {

    static final String MATTER = "9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d";
    static final String CURSOR = "AcPpFMCNtzYm9IV5iXk2ZPsXJJ-9aL9-EF-dkYQPHACUeyJ0IjoiMTc2NDQ0NTQ1NTk2MTAwMCIsInMiOiI0MiJ9";
    static final int EXPORT_ROWS = 20_000;
    static final long EXPORT_PAUSE_MILLIS = 1_500;
    static final String ENTRY = """
            {"id":"0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f","occurredAt":"2026-11-29T19:44:15.961Z","recordedAt":"2026-11-29T19:44:16.012345Z","type":"dev.lexguard.permissions.matter.updated","category":"matters","actor":{"id":"442058c2-4ebc-4d5f-b217-134de6297199","type":"user","displayName":"Ada <b>Okafor</b>"},"verb":"updated","object":{"type":"matter","id":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d","title":"2026-0042"},"matter":{"id":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d","displayNumber":"2026-0042"},"summary":"Matter 2026-0042 was changed <script>alert(1)</script>","details":{"matterId":"9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d","displayNumber":"2026-0042","description":"Okafor v. Lane: custody","clientContactId":null,"responsibleAttorneyId":null,"practiceArea":"Family law","status":"open"},"redacted":false,"ip":null,"location":null,"changes":[]}""";
    static final String VALID = """
            {"valid":true,"from":121,"to":162,"checked":42,"anchor":{"seq":120,"hash":"51e0c0a5d7b34f0e92a4c1b8d6e3f2a190b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4","lastPurge":{"purged":120,"fromSeq":1,"oldestOccurredAt":"2025-01-04T09:12:00Z","newestOccurredAt":"2025-11-28T17:40:00Z","at":"2026-11-29T21:00:00.123456Z","by":{"type":"user","id":"442058c2-4ebc-4d5f-b217-134de6297199"},"entryId":"6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"}},"head":{"seq":162,"hash":"9f2c4e0b1d3a5f7e8c6b4a29183746556473829101a2b3c4d5e6f708192a3b4c"},"firstBreak":null}""";
    static final String NOT_FOUND = """
            {"type":"https://lexguard.dev/problems/not-found","title":"Not found","status":404,"detail":"No such matter","instance":"/api/v1/feed/matters/x","requestId":"2c9d1e0f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"}""";
    static final String TOO_LARGE = """
            {"type":"https://lexguard.dev/problems/range-too-large","title":"Unprocessable","status":422,"detail":"The range holds more than 100000 entries; export it in shorter ranges","instance":"/api/v1/feed/export/csv","requestId":"2c9d1e0f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"}""";

    /** Every request the gateway received: method, path and query, Last-Event-ID. */
    static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    static final AtomicInteger CLOSED_STREAMS = new AtomicInteger();

    @Override
    void answer(HttpServerRequest request) {
        String path = request.path();
        REQUESTS.add(request.method() + " " + request.uri() + " Last-Event-ID=" + request.getHeader("Last-Event-ID"));
        HttpServerResponse response = request.response();
        if (path.equals("/api/v1/feed/stream")) {
            stream(request, response);
        } else if (path.startsWith("/api/v1/feed/export/")) {
            export(request, response);
        } else if (path.equals("/api/v1/feed")) {
            json(response, new JsonObject().put("items", new JsonArray().add(new JsonObject(ENTRY))).put("nextCursor", CURSOR));
        } else if (path.equals("/api/v1/feed/matters/" + MATTER)) {
            json(response, new JsonObject().put("items", new JsonArray().add(new JsonObject(ENTRY))).putNull("nextCursor"));
        } else if (path.equals("/api/v1/matters/" + MATTER)) {
            json(response, new JsonObject().put("id", MATTER).put("displayNumber", "2026-0042").put("description", "Okafor v. Lane: custody")
                    .put("status", "open"));
        } else if (path.equals("/api/v1/matters")) {
            json(response, new JsonObject().put("items", new JsonArray().add(new JsonObject().put("id", MATTER)
                    .put("displayNumber", "2026-0042").put("description", "Okafor v. Lane: custody"))).putNull("nextCursor"));
        } else if (path.equals("/api/v1/feed/verify")) {
            json(response, new JsonObject(VALID));
        } else {
            problem(response, 404, NOT_FOUND);
        }
    }

    private static void stream(HttpServerRequest request, HttpServerResponse response) {
        String last = request.getHeader("Last-Event-ID");
        long after = last == null ? 41 : Long.parseLong(last);
        request.connection().closeHandler(closed -> CLOSED_STREAMS.incrementAndGet());
        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
        for (long id = after + 1; id <= after + 2; id++) {
            JsonObject entry = new JsonObject(ENTRY).put("id", "00000000-0000-4000-8000-0000000000" + id);
            response.write("id: " + id + "\nevent: entry\ndata: " + entry.encode() + "\n\n");
        }
        response.write(": keep-alive\n\n");
        if ("security".equals(request.getParam("category"))) {
            // as feed-service ends a stream whose session ended
            response.end(": session ended\n\n");
        }
    }

    private static void export(HttpServerRequest request, HttpServerResponse response) {
        if (request.getParam("from") == null || request.getParam("to") == null) {
            problem(response, 400, "{\"type\":\"https://lexguard.dev/problems/invalid-range\",\"title\":\"Bad request\",\"status\":400}");
            return;
        }
        if (request.getParam("from").startsWith("2020")) {
            problem(response, 422, TOO_LARGE);
            return;
        }
        boolean csv = request.path().endsWith("/csv");
        response.setChunked(true).putHeader("Content-Type", csv ? "text/csv" : "application/x-ndjson");
        if (csv) {
            response.write("id,occurredAt,recordedAt,type,category,actorId,actorType,actorName,verb,objectType,objectId,"
                    + "objectTitle,matterId,matterNumber,summary,redacted,ip,location,details\r\n");
        }
        String line = csv ? "0d5c8f4e-2b7a-4c1d-9e3f-5a6b7c8d9e0f,2026-11-29T19:44:15.961Z,2026-11-29T19:44:16.012345Z,"
                + "dev.lexguard.permissions.matter.updated,matters,442058c2-4ebc-4d5f-b217-134de6297199,user,Ada Okafor,updated,"
                + "matter,9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d,2026-0042,9a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d,2026-0042,"
                + "Matter 2026-0042 was changed,false,,,{}\r\n" : new JsonObject(ENTRY).encode() + "\n";
        // half now, half after a pause: a console that held the export until its end could not pass the first half on early
        writeRows(response, line, EXPORT_ROWS / 2);
        Vertx.currentContext().owner().setTimer(EXPORT_PAUSE_MILLIS, later -> {
            writeRows(response, line, EXPORT_ROWS / 2);
            response.end();
        });
    }

    private static void writeRows(HttpServerResponse response, String line, int rows) {
        StringBuilder chunk = new StringBuilder();
        for (int i = 1; i <= rows; i++) {
            chunk.append(line);
            if (i % 1000 == 0) {
                response.write(chunk.toString());
                chunk.setLength(0);
            }
        }
    }

    private static void json(HttpServerResponse response, JsonObject body) {
        json(response, body.encode());
    }
}
