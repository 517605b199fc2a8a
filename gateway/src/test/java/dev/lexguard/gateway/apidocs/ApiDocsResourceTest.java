package dev.lexguard.gateway.apidocs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** One merged OpenAPI document of every service and Swagger UI on it, without a token. */
@QuarkusTest
class ApiDocsResourceTest {

    @Test
    void mergedDocumentHasEveryRunningServicesPaths() {
        given().get("/api-docs/openapi.json").then().statusCode(200)
                .contentType("application/json")
                .body("openapi", equalTo("3.1.0"))
                .body("info.title", equalTo("LexGuard API"))
                .body("paths.'/api/v1/identity-things'.get.operationId", equalTo("identityList"))
                .body("paths.'/api/v1/permissions-things'.get.operationId", equalTo("permissionsList"))
                .body("paths.'/api/v1/sharing-things'", notNullValue())
                .body("paths.'/api/v1/sessions-things'", notNullValue())
                .body("paths.'/q/health'", nullValue())
                .body("components.schemas.Problem.type", equalTo("object"))
                .body("components.schemas.identityThing", notNullValue())
                .body("components.schemas.sessionsThing", notNullValue())
                .body("tags.name", hasItems("identity", "permissions", "sharing", "sessions"))
                // feed-service is down in the tests: named, not fatal
                .body("x-lexguard-unavailable", hasItems("feed"));
    }

    @Test
    void aComponentTwoServicesDefineDifferentlyKeepsBothUnderDistinctNames() {
        given().get("/api-docs/openapi.json").then().statusCode(200)
                // the first service (by name) keeps the name; each later one takes its own name in front
                .body("components.schemas.PolicyRequest.description", equalTo("the identity policy"))
                .body("components.schemas.SharingPolicyRequest.description", equalTo("the sharing policy"))
                .body("components.schemas.SessionsPolicyRequest.description", equalTo("the sessions policy"))
                .body("paths.'/api/v1/sharing-things'.get.responses.'200'.content.'application/json'.schema.$ref",
                        equalTo("#/components/schemas/SharingPolicyRequest"))
                .body("paths.'/api/v1/identity-things'.get.responses.'200'.content.'application/json'.schema.$ref",
                        equalTo("#/components/schemas/PolicyRequest"))
                // identical definitions (Problem) stay one
                .body("components.schemas.SharingProblem", nullValue());
    }

    @Test
    void everyOperationSaysWhetherItNeedsAToken() {
        given().get("/api-docs/openapi.json").then().statusCode(200)
                .body("paths.'/api/v1/auth/login'.post.security", empty())
                .body("paths.'/api/v1/permissions-things'.get.security[0].bearerAuth", empty())
                .body("paths.'/api/v1/permissions-things'.get.security", hasSize(1))
                // a service's own declaration wins (the portal's sign-out passes the gateway, identity wants a token)
                .body("paths.'/api/v1/portal-auth/logout'.post.security[0].bearerAuth", empty());
    }

    @Test
    void swaggerUiServesTheMergedDocument() {
        given().get("/api-docs/").then().statusCode(200).contentType(containsString("text/html"));
        given().get("/api-docs/index.html").then().statusCode(200);
    }
}
