package dev.lexguard.gateway.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lexguard.gateway.config.GatewayConfig;
import dev.lexguard.gateway.routing.RouteTable;
import dev.lexguard.gateway.routing.Upstream;
import dev.lexguard.gateway.routing.UpstreamInstance;
import dev.lexguard.gateway.routing.Upstreams;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The merged OpenAPI document of every service at {@value #PATH} (Swagger UI at {@code /api-docs}).
 * Each service's {@code /q/openapi} is fetched through the same upstream pools, paths and components are
 * merged (the first service to define a shared component, such as {@code Problem}, wins), and the result
 * is cached for {@code lexguard.gateway.apidocs.cache-for}. A service that does not answer is listed
 * under {@code x-lexguard-unavailable} instead of failing the whole document.
 */
@ApplicationScoped
public class MergedApiDocs {

    public static final String PATH = "/api-docs/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA_REF = "#/components/schemas/";
    private static final String BEARER = "bearerAuth";
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private final Upstreams upstreams;
    private final long cacheMillis;
    private volatile String cached;
    private volatile long cachedAt;

    public MergedApiDocs(Upstreams upstreams, GatewayConfig config) {
        this.upstreams = upstreams;
        this.cacheMillis = config.apidocs().cacheFor().toMillis();
    }

    void install(@Observes Router router) {
        router.get(PATH).handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        String doc = cached;
        if (doc != null && System.currentTimeMillis() - cachedAt < cacheMillis) {
            send(ctx, doc);
            return;
        }
        Map<String, Upstream> all = new TreeMap<>(upstreams.all());
        // the console serves pages, not API
        all.remove(RouteTable.CONSOLE_UPSTREAM);
        List<Future<JsonNode>> fetches = new ArrayList<>();
        all.values().forEach(upstream -> fetches.add(fetch(upstream)));
        Future.join(fetches).onComplete(ignored -> {
            List<String> names = new ArrayList<>(all.keySet());
            ObjectNode merged = base();
            ArrayNode unavailable = JSON.createArrayNode();
            for (int i = 0; i < names.size(); i++) {
                Future<JsonNode> fetch = fetches.get(i);
                if (fetch.succeeded()) {
                    merge(merged, names.get(i), fetch.result());
                } else {
                    unavailable.add(names.get(i));
                    Log.warnf("OpenAPI of %s not available: %s", names.get(i), fetch.cause().getMessage());
                }
            }
            if (!unavailable.isEmpty()) {
                merged.set("x-lexguard-unavailable", unavailable);
            }
            String text = merged.toString();
            if (unavailable.isEmpty()) {
                cached = text;
                cachedAt = System.currentTimeMillis();
            }
            send(ctx, text);
        });
    }

    private static void send(RoutingContext ctx, String doc) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-cache").end(doc);
    }

    private Future<JsonNode> fetch(Upstream upstream) {
        UpstreamInstance instance = upstream.next();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(instance.host())
                .setPort(instance.port()).setSsl(upstream.ssl()).setURI("/q/openapi?format=json")
                .setIdleTimeout(5000).setConnectTimeout(upstream.connectTimeoutMillis())
                .putHeader("Accept", "application/json");
        return upstream.client().request(options)
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("answered " + response.statusCode()))
                .map(MergedApiDocs::parse);
    }

    private static JsonNode parse(Buffer body) {
        try {
            return JSON.readTree(body.getBytes());
        } catch (IOException e) {
            throw new IllegalStateException("not a JSON document", e);
        }
    }

    private static ObjectNode base() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "LexGuard API");
        info.put("version", "1.0");
        info.put("description", "Every LexGuard service behind the gateway. Errors are application/problem+json "
                + "(RFC 9457); send the access token as 'Authorization: Bearer <token>'.");
        doc.putArray("servers").addObject().put("url", "/");
        doc.putObject("paths");
        doc.putObject("components");
        doc.putArray("tags");
        return doc;
    }

    /**
     * Adds one service's public paths, components and tags. A component the service defines differently from one
     * already merged keeps the first one's name and takes the service's name in front of its own
     * ({@code PolicyRequest} of sharing after sessions' is {@code SharingPolicyRequest}), every reference to it in the
     * service's document rewritten: before, the second definition was dropped and sharing's operations pointed at
     * sessions' schema. An operation that declares no security gets the gateway's: none ({@code security: []}) on a
     * path the gateway lets through without a token, the bearer token on every other.
     */
    static void merge(ObjectNode merged, String serviceName, JsonNode original) {
        JsonNode service = renameConflicts(merged, serviceName, original);
        ObjectNode paths = (ObjectNode) merged.get("paths");
        service.path("paths").fields().forEachRemaining(path -> {
            if ((path.getKey().startsWith("/api/v1/") || path.getKey().equals("/.well-known/jwks.json"))
                    && !paths.has(path.getKey())) {
                paths.set(path.getKey(), withSecurity(path.getKey(), path.getValue()));
            }
        });
        ObjectNode components = (ObjectNode) merged.get("components");
        service.path("components").fields().forEachRemaining(section -> {
            ObjectNode target = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                    : components.putObject(section.getKey());
            section.getValue().fields().forEachRemaining(entry -> {
                if (!target.has(entry.getKey())) {
                    target.set(entry.getKey(), entry.getValue());
                }
            });
        });
        ArrayNode tags = (ArrayNode) merged.get("tags");
        Set<String> known = new HashSet<>();
        tags.forEach(tag -> known.add(tag.path("name").asText()));
        service.path("tags").forEach(tag -> {
            if (known.add(tag.path("name").asText())) {
                tags.add(tag);
            }
        });
    }

    private static JsonNode renameConflicts(ObjectNode merged, String serviceName, JsonNode service) {
        JsonNode mergedSchemas = merged.path("components").path("schemas");
        Map<String, String> renamed = new TreeMap<>();
        service.path("components").path("schemas").fields().forEachRemaining(schema -> {
            JsonNode existing = mergedSchemas.get(schema.getKey());
            if (existing != null && !existing.equals(schema.getValue())) {
                renamed.put(schema.getKey(), Character.toUpperCase(serviceName.charAt(0)) + serviceName.substring(1)
                        + schema.getKey());
            }
        });
        if (renamed.isEmpty()) {
            return service;
        }
        Log.debugf("%s's components renamed in the merged document: %s", serviceName, renamed);
        JsonNode copy = rewriteReferences(service.deepCopy(), renamed);
        ObjectNode schemas = (ObjectNode) copy.path("components").path("schemas");
        renamed.forEach((from, to) -> schemas.set(to, schemas.remove(from)));
        return copy;
    }

    private static JsonNode rewriteReferences(JsonNode node, Map<String, String> renamed) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith(SCHEMA_REF)) {
                String to = renamed.get(ref.asText().substring(SCHEMA_REF.length()));
                if (to != null) {
                    object.put("$ref", SCHEMA_REF + to);
                }
            }
            object.fields().forEachRemaining(field -> rewriteReferences(field.getValue(), renamed));
        } else if (node.isArray()) {
            node.forEach(element -> rewriteReferences(element, renamed));
        }
        return node;
    }

    private static JsonNode withSecurity(String path, JsonNode item) {
        if (!item.isObject()) {
            return item;
        }
        item.fields().forEachRemaining(operation -> {
            if (operation.getValue().isObject() && HTTP_METHODS.contains(operation.getKey())
                    && !operation.getValue().has("security")) {
                ArrayNode security = ((ObjectNode) operation.getValue()).putArray("security");
                if (!RouteTable.isPublic(HttpMethod.valueOf(operation.getKey().toUpperCase(Locale.ROOT)), path)) {
                    security.addObject().putArray(BEARER);
                }
            }
        });
        return item;
    }
}
