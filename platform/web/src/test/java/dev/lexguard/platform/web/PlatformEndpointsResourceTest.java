package dev.lexguard.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PlatformEndpointsResourceTest {

    @Test
    void liveHealthIsUp() {
        given().when().get("/q/health/live")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDocumentsProblemsAndTheBearerScheme() {
        given().accept("application/json")
                .when().get("/q/openapi")
                .then().statusCode(200)
                .body("components.schemas.Problem.properties.requestId", notNullValue())
                .body("components.schemas.Problem.properties.errors.items.$ref",
                        equalTo("#/components/schemas/FieldError"))
                .body("components.schemas.ValidationProblem", notNullValue())
                .body("components.securitySchemes.bearerAuth.type", equalTo("http"))
                .body("components.securitySchemes.bearerAuth.scheme", equalTo("bearer"))
                .body("components.securitySchemes.bearerAuth.bearerFormat", equalTo("JWT"))
                .body("paths.'/test/matters'.get.responses.default.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/test/caller/admin'.get.security[0].bearerAuth", notNullValue())
                // no annotation names the operations: their ids come from the method and path
                .body("paths.'/test/matters'.get.operationId", equalTo("getTestMatters"))
                .body("paths.'/test/caller/admin'.get.operationId", equalTo("getTestCallerAdmin"));
    }

    @Test
    void sharedRuntimeDefaultsComeFromTheModulesMicroprofileConfigFile() {
        // Build-time settings (fail-on-unknown-properties, proactive auth) are recorded into the app and
        // report their source as build time; ProblemResponseResourceTest#unknownJsonFieldAnswers400NamingIt
        // proves the unknown-field one by behaviour. Runtime settings still show where they came from.
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        for (String name : new String[] {"quarkus.http.limits.max-body-size", "lexguard.web.cursor-secret"}) {
            ConfigValue value = config.getConfigValue(name);
            assertTrue(value.getSourceName().contains("META-INF/microprofile-config.properties"),
                    () -> name + " came from " + value.getSourceName());
            assertEquals(100, value.getSourceOrdinal(), name);
        }
        assertEquals("1M", config.getConfigValue("quarkus.http.limits.max-body-size").getValue());
        assertEquals("true", config.getConfigValue("quarkus.jackson.fail-on-unknown-properties").getValue());
        assertEquals("false", config.getConfigValue("quarkus.http.auth.proactive").getValue());
        assertEquals("false", config.getConfigValue("quarkus.log.console.json.enabled").getValue());
    }
}
