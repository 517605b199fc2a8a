package dev.lexguard.platform.web.openapi;

import dev.lexguard.platform.web.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Documents, once for every service, the problem+json error bodies ({@code Problem},
 * {@code ValidationProblem}) and the {@code bearerAuth} JWT scheme, gives every operation a
 * {@code default} response that is a Problem, and an {@code operationId} from its method and path when no annotation
 * names one ({@link OperationIds}).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemOpenApiFilter implements OASFilter {

    public static final String SECURITY_SCHEME = "bearerAuth";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema("FieldError", fieldError());
        components.addSchema("Problem", problem());
        components.addSchema("ValidationProblem", validationProblem());
        if (components.getSecuritySchemes() == null || !components.getSecuritySchemes().containsKey(SECURITY_SCHEME)) {
            components.addSecurityScheme(SECURITY_SCHEME, OASFactory.createSecurityScheme()
                    .type(SecurityScheme.Type.HTTP)
                    .scheme("bearer")
                    .bearerFormat("JWT")
                    .description("Access token (RS256 JWT) issued by identity-service"));
        }
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
                addDefaultResponse(operation);
                if (operation.getOperationId() == null) {
                    operation.setOperationId(OperationIds.of(method.name(), path));
                }
            }));
        }
    }

    private static void addDefaultResponse(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        if (responses.getDefaultValue() == null) {
            responses.setDefaultValue(OASFactory.createAPIResponse()
                    .description("Any error, as RFC 9457 problem details")
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                            OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)))));
        }
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }

    private static Schema fieldError() {
        return OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description("One offending input")
                .properties(Map.of(
                        "field", string("JSON property path or query parameter name"),
                        "message", string("What is wrong with it")))
                .required(List.of("field", "message"));
    }

    private static Schema problem() {
        return OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details (application/problem+json)")
                .addProperty("type", string("https://lexguard.dev/problems/<slug>").format("uri"))
                .addProperty("title", string("Short summary of the problem type"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                        .format("int32").description("HTTP status"))
                .addProperty("detail", string("What happened, for a person"))
                .addProperty("instance", string("The request path").format("uri-reference"))
                .addProperty("requestId", string("Correlation id, also in the X-Request-Id response header"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")))
                .required(List.of("type", "title", "status", "requestId"));
    }

    private static Schema validationProblem() {
        return OASFactory.createSchema()
                .description("A 400 problem naming the offending fields")
                .allOf(List.of(
                        OASFactory.createSchema().ref(PROBLEM_REF),
                        OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT)).required(List.of("errors"))));
    }
}
