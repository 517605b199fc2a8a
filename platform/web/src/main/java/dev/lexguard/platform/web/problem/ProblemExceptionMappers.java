package dev.lexguard.platform.web.problem;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.lexguard.platform.web.http.RequestIds;
import dev.lexguard.platform.web.text.NulCharacterException;
import dev.lexguard.platform.web.text.NulCharacters;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.ClientWebApplicationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that reaches JAX-RS into an RFC 9457 problem. The priority beats the mappers
 * Quarkus registers for the same exceptions (security, validation, Jackson), so ours answer.
 */
public class ProblemExceptionMappers {

    static final int PRIORITY = Priorities.USER - 1000;

    private static final Map<String, String> BEARER_CHALLENGE = Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    private static final Map<String, String> INVALID_TOKEN_CHALLENGE =
            Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");

    @ServerExceptionMapper(priority = PRIORITY)
    public Response problem(ProblemException e, RoutingContext ctx) {
        return respond(HttpProblems.of(e, ctx.request().path(), RequestIds.of(ctx)), e.headers());
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response constraintViolation(ConstraintViolationException e, RoutingContext ctx) {
        // Only violations of an endpoint's own parameters are the client's fault. A return value that
        // breaks its constraints, or a violation inside a service call, is our bug.
        boolean inputViolation = e instanceof ResteasyReactiveViolationException
                && e.getConstraintViolations().stream().noneMatch(ProblemExceptionMappers::isReturnValue);
        if (!inputViolation) {
            return unexpected(e, ctx);
        }
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldName(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return respond(HttpProblems.invalidInput("validation-failed", "Validation failed",
                "The request has invalid fields", errors, ctx.request().path(), RequestIds.of(ctx)), Map.of());
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response validation(ValidationException e, RoutingContext ctx) {
        // a constraint declaration or definition error: ours, not the client's
        return unexpected(e, ctx);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unknownField(UnrecognizedPropertyException e, RoutingContext ctx) {
        String field = jsonPath(e);
        return respond(HttpProblems.invalidInput("unknown-field", "Unknown field",
                "The request body has a field this endpoint does not accept",
                List.of(new FieldError(field, "is not a known field")), ctx.request().path(), RequestIds.of(ctx)),
                Map.of());
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response mismatchedInput(MismatchedInputException e, RoutingContext ctx) {
        return invalidField(e, ctx);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response nulCharacter(NulCharacterException e, RoutingContext ctx) {
        return respond(NulCharacters.problem(jsonPath(e), ctx), Map.of());
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response invalidDefinition(InvalidDefinitionException e, RoutingContext ctx) {
        return unexpected(e, ctx);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response webApplication(WebApplicationException e, RoutingContext ctx) {
        int status = e.getResponse().getStatus();
        if (status < 400) {
            // a redirect or other non-error the code asked for
            return e.getResponse();
        }
        if (e instanceof ClientWebApplicationException) {
            // another service's error answer reached us through a REST client: that is our failure,
            // and its status must not leak through as if it were about this request
            return unexpected(e, ctx);
        }
        if (status == 400 && (e.getCause() instanceof StreamReadException
                || e.getCause() instanceof StreamConstraintsException)) {
            return respond(HttpProblems.invalidInput("malformed-json", "Malformed JSON",
                    "The request body is not valid JSON", List.of(), ctx.request().path(), RequestIds.of(ctx)),
                    Map.of());
        }
        if (status == 400 && e.getCause() instanceof NulCharacterException nul) {
            return nulCharacter(nul, ctx);
        }
        if (status == 400 && e.getCause() instanceof DatabindException databind) {
            return invalidField(databind, ctx);
        }
        if (status >= 500) {
            return unexpected(e, ctx);
        }
        Response.ResponseBuilder builder = Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(HttpProblems.of(status, ctx.request().path(), RequestIds.of(ctx)));
        // keep what the framework says the client can do about it
        for (String header : List.of(HttpHeaders.ALLOW, "Retry-After", HttpHeaders.WWW_AUTHENTICATE)) {
            Object value = e.getResponse().getHeaders().getFirst(header);
            if (value != null) {
                builder.header(header, value);
            }
        }
        return builder.build();
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unauthorized(UnauthorizedException e, RoutingContext ctx) {
        return respond(HttpProblems.of(401, ctx.request().path(), RequestIds.of(ctx)), BEARER_CHALLENGE);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response authenticationFailed(AuthenticationFailedException e, RoutingContext ctx) {
        Log.debugf("Authentication failed [requestId=%s]: %s", RequestIds.of(ctx), e.getMessage());
        return respond(HttpProblems.of(401, ctx.request().path(), RequestIds.of(ctx)), INVALID_TOKEN_CHALLENGE);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response authenticationCompletion(AuthenticationCompletionException e, RoutingContext ctx) {
        return respond(HttpProblems.of(401, ctx.request().path(), RequestIds.of(ctx)), INVALID_TOKEN_CHALLENGE);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response forbidden(ForbiddenException e, RoutingContext ctx) {
        return respond(HttpProblems.of(403, ctx.request().path(), RequestIds.of(ctx)), Map.of());
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unexpected(Throwable e, RoutingContext ctx) {
        String requestId = RequestIds.of(ctx);
        Log.errorf(e, "Unhandled error [requestId=%s] %s %s", requestId, ctx.request().method(),
                ctx.request().path());
        return respond(HttpProblems.of(500, ctx.request().path(), requestId), Map.of());
    }

    private Response invalidField(DatabindException e, RoutingContext ctx) {
        String field = e instanceof JsonMappingException mapping ? jsonPath(mapping) : "";
        List<FieldError> errors = field.isEmpty()
                ? List.of()
                : List.of(new FieldError(field, "has the wrong type or format"));
        return respond(HttpProblems.invalidInput("invalid-field", "Invalid field",
                "The request body does not have the expected shape", errors, ctx.request().path(),
                RequestIds.of(ctx)), Map.of());
    }

    private static Response respond(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        headers.forEach(builder::header);
        return builder.build();
    }

    private static boolean isReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client's name for the offending input: the path inside the parameter (a body's
     * {@code address.city}, a bean param's {@code limit}), or the parameter's own name.
     */
    static String fieldName(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        int parameter = -1;
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).getKind() == ElementKind.PARAMETER) {
                parameter = i;
                break;
            }
        }
        if (parameter >= 0 && parameter == nodes.size() - 1) {
            return nodes.get(parameter).getName();
        }
        StringBuilder field = new StringBuilder();
        for (int i = parameter + 1; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getIndex() != null && field.length() > 0) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null && field.length() > 0) {
                field.append('[').append(node.getKey()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.isEmpty() ? path.toString() : field.toString();
    }

    static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
