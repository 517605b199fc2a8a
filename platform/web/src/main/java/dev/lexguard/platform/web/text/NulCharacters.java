package dev.lexguard.platform.web.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.lexguard.platform.web.http.RequestIds;
import dev.lexguard.platform.web.problem.FieldError;
import dev.lexguard.platform.web.problem.HttpProblems;
import dev.lexguard.platform.web.problem.Problem;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * No text with the NUL character (U+0000) enters a service: PostgreSQL cannot store it in {@code text}, so such input
 * reached the database and came back as a 500. One rule for every service, not one per field: every JSON string
 * (values and object keys, at any depth) and every query and path parameter is checked, and the answer is a 400
 * {@code invalid-field} naming the field.
 */
@Singleton
public class NulCharacters implements ObjectMapperCustomizer {

    public static final String MESSAGE = "must not contain the NUL character (U+0000)";
    private static final char NUL = '\u0000';

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("lexguard-nul-free-text")
                .addDeserializer(String.class, new Text())
                .addKeyDeserializer(String.class, new Key()));
    }

    /** Query and path parameters, before any resource method sees them. */
    @ServerRequestFilter(preMatching = false)
    public Optional<Response> refuseNulInParameters(ContainerRequestContext request, RoutingContext ctx) {
        Optional<String> field = firstWithNul(request.getUriInfo().getQueryParameters())
                .or(() -> firstWithNul(request.getUriInfo().getPathParameters()));
        return field.map(name -> Response.status(400).type(Problem.MEDIA_TYPE).entity(problem(name, ctx)).build());
    }

    /** The problem for a text field that holds a NUL character. */
    public static Problem problem(String field, RoutingContext ctx) {
        return HttpProblems.invalidInput("invalid-field", "Invalid field", "The request has text the service cannot store",
                List.of(new FieldError(field, MESSAGE)), ctx.request().path(), RequestIds.of(ctx));
    }

    private static Optional<String> firstWithNul(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (parameter.getKey().indexOf(NUL) >= 0 || parameter.getValue().stream().anyMatch(v -> v != null && v.indexOf(NUL) >= 0)) {
                return Optional.of(parameter.getKey().replace(NUL, '?'));
            }
        }
        return Optional.empty();
    }

    /** JSON string values: read as Jackson reads them, then refused if they hold a NUL. */
    static final class Text extends StdScalarDeserializer<String> {

        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf(NUL) >= 0) {
                throw new NulCharacterException(parser);
            }
            return value;
        }
    }

    /** JSON object keys (maps keyed by text). */
    static final class Key extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (key != null && key.indexOf(NUL) >= 0) {
                throw new NulCharacterException(context.getParser());
            }
            return key;
        }
    }
}
