package dev.lexguard.permissions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.platform.web.testing.OpenApiAudit;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every operation of the public API is documented with examples and problem responses. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void everyOperationHasAnExampleAndProblemResponses() throws Exception {
        OpenApiAudit.Report report = OpenApiAudit.of(new ObjectMapper().readTree(given().queryParam("format", "json")
                .get("/q/openapi").then().statusCode(200).extract().asString()), false);
        assertThat(report.operations()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(report.problems()).isEmpty();
    }
}
