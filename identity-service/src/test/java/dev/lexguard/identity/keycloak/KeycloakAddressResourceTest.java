package dev.lexguard.identity.keycloak;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.lexguard.identity.Db;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.identity.Jwts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An administrator's Keycloak URL cannot reach LexGuard's own network. The test profile allows 127.0.0.1/32 only
 * (the tests' Keycloak); every other internal address is refused before any request is sent.
 */
@QuarkusTest
class KeycloakAddressResourceTest {

    private static ValidatableResponse connect(TestFirm firm, String serverUrl) {
        return given().auth().oauth2(Jwts.steppedUp(firm.accessToken())).contentType(ContentType.JSON)
                .body(Map.of("serverUrl", serverUrl, "realm", "harbourlane", "clientId", "lexguard",
                        "clientSecret", "s3cret-of-the-realm"))
                .put("/api/v1/firms/keycloak").then();
    }

    @Test
    void internalAndMetadataAddressesOutsideTheAllowListAreRefused() {
        TestFirm firm = Fixtures.firm();
        for (String url : new String[] {"http://127.0.0.2:8080", "http://[::1]:8080", "http://169.254.169.254",
            "http://[fd00:ec2::254]", "http://10.1.2.3:8443", "http://192.168.0.10", "http://0.0.0.0:8080",
            "http://[::ffff:127.0.0.2]:8080", "https://no-such-host.invalid"}) {
            connect(firm, url).statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("https://lexguard.dev/problems/keycloak-address-refused"));
        }
        assertThat(Db.rows("select 1 from keycloak_connection where firm_id = ?::uuid", firm.firmId())).isEmpty();
    }

    @Test
    void anAllowedAddressThatIsNotKeycloakReadsLikeOneThatDoesNotAnswer() {
        TestFirm firm = Fixtures.firm();
        // nothing listens on port 9; identity-service itself answers on its port, but it is no Keycloak
        Map<String, Object> silent = connect(firm, "http://127.0.0.1:9").statusCode(422).extract().as(Map.class);
        Map<String, Object> notKeycloak = connect(firm, "http://127.0.0.1:" + RestAssured.port).statusCode(422)
                .extract().as(Map.class);
        assertThat(notKeycloak.get("type")).isEqualTo(silent.get("type"))
                .isEqualTo("https://lexguard.dev/problems/keycloak-unreachable");
        assertThat(notKeycloak.get("detail")).isEqualTo(silent.get("detail"));
    }
}
