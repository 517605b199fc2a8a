package dev.lexguard.identity.keycloak;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

import dev.lexguard.devstack.InjectKeycloak;
import dev.lexguard.devstack.KeycloakResource;
import dev.lexguard.devstack.KeycloakSettings;
import dev.lexguard.identity.Db;
import dev.lexguard.identity.Fixtures;
import dev.lexguard.identity.Fixtures.TestFirm;
import dev.lexguard.platform.web.problem.BusinessRuleProblem;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding against the three ways LexGuard talks to a firm's Keycloak (the admin client, the SSO code
 * exchange, the JWKS fetch). The names are made up and answered by the test (the JVM itself cannot resolve them),
 * so a request that arrives proves the connection used the egress's one checked resolution. The test profile allows
 * 127.0.0.1/32 (the tests' Keycloak): 127.0.0.2 is the loopback address LexGuard may not reach.
 */
@QuarkusTest
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
class KeycloakEgressResourceTest {

    private static final String PUBLIC = "192.0.2.10";
    private static final String INTERNAL = "127.0.0.2";
    private static final String ALLOWED = "127.0.0.1";

    @InjectKeycloak
    KeycloakSettings keycloak;

    @Inject
    KeycloakAddresses addresses;

    @Inject
    IdTokenVerifier verifier;

    @Inject
    KeycloakEgress egress;

    private final Map<String, List<InetAddress>> answers = new ConcurrentHashMap<>();
    private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logs.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** The made-up names answer the next address of their list on each lookup, the last one forever after. */
    @BeforeEach
    void answerMadeUpNames() {
        Fixtures.forgetLocalClientFailures();
        addresses.resolveWith(host -> {
            List<InetAddress> next = answers.get(host);
            if (next == null) {
                return InetAddress.getAllByName(host);
            }
            synchronized (next) {
                return new InetAddress[] {next.size() > 1 ? next.remove(0) : next.get(0)};
            }
        });
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void resolveAsUsual() {
        addresses.resolveWith(InetAddress::getAllByName);
        Logger.getLogger("").removeHandler(capture);
    }

    private void answer(String name, String... literals) {
        List<InetAddress> list = new ArrayList<>();
        for (String literal : literals) {
            try {
                list.add(InetAddress.getByName(literal));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(literal, e);
            }
        }
        answers.put(name, list);
    }

    private static String name(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8) + ".rebind.test";
    }

    private int keycloakPort() {
        return URI.create(keycloak.url()).getPort();
    }

    private static String text(LogRecord record) {
        return new SimpleFormatter().formatMessage(record)
                + (record.getThrown() == null ? "" : String.valueOf(record.getThrown()));
    }

    /** Neither these secrets nor the egress's own password appear in any log record of the test. */
    private void assertNoSecretLogged(String... secrets) {
        for (LogRecord record : logs) {
            assertThat(text(record)).as("a log record").doesNotContain(egress.proxyOptions().getPassword());
            for (String secret : secrets) {
                assertThat(text(record)).as("a log record").doesNotContain(secret);
            }
        }
    }

    @Test
    void aRebindingNameNeverReachesAnInternalServerWhenConnecting() {
        TestFirm firm = Fixtures.firm();
        String host = name("kc");
        answer(host, PUBLIC, INTERNAL);
        try (StandIn internal = StandIn.on(INTERNAL, 200, "{\"access_token\":\"t\",\"expires_in\":60}")) {
            KeycloakConnectionResourceTest.connect(firm, Map.of("serverUrl", "http://" + host + ":" + internal.port(),
                            "realm", "harbourlane", "clientId", "lexguard", "clientSecret", "s3cret-of-the-realm"))
                    .statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("https://lexguard.dev/problems/keycloak-address-refused"));
            assertThat(internal.requests()).isEmpty();
        }
        assertThat(Db.rows("select 1 from keycloak_connection where firm_id = ?::uuid", firm.firmId())).isEmpty();
        assertThat(logs).as("the refusal is logged, by host name").anySatisfy(record ->
                assertThat(text(record)).contains("egress proxy refused " + host));
        assertNoSecretLogged("s3cret-of-the-realm");
    }

    @Test
    void theAdminClientConnectsToTheAddressTheEgressChecked() {
        TestFirm firm = Fixtures.firm();
        String host = name("kc");
        answer(host, ALLOWED);
        try (TestRealm realm = TestRealm.create(keycloak)) {
            Map<String, Object> body = new HashMap<>(realm.connectBody());
            body.put("serverUrl", "http://" + host + ":" + keycloakPort());
            KeycloakConnectionResourceTest.connect(firm, body).statusCode(200)
                    .body("issuer", equalTo("http://" + host + ":" + keycloakPort() + "/realms/" + realm.name()));
            assertThat(realm.realm().clients().findByClientId("lexguard")).hasSize(1);
            assertNoSecretLogged(realm.secret());
        }
    }

    /** A firm connected through a name of the test, whose stored URL then points at the stand-in's port. */
    private String connectedFirmAt(String host, TestRealm realm, int port) {
        TestFirm firm = Fixtures.firm();
        answer(host, ALLOWED);
        Map<String, Object> body = new HashMap<>(realm.connectBody());
        body.put("serverUrl", "http://" + host + ":" + keycloakPort());
        KeycloakConnectionResourceTest.connect(firm, body).statusCode(200);
        KeycloakConnectionResourceTest.awaitQueueEmpty(firm.firmId());
        Db.update("update keycloak_connection set server_url = ? where firm_id = ?::uuid",
                "http://" + host + ":" + port, firm.firmId());
        return firm.firmId();
    }

    private static String state(String firmId) {
        return given().contentType(ContentType.JSON).body(Map.of("firmId", firmId)).post("/api/v1/auth/sso/start")
                .then().statusCode(200).extract().path("state");
    }

    private static ValidatableResponse callback(String state) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", Fixtures.uniqueIp())
                .body(Map.of("state", state, "code", "a-code-of-keycloak")).post("/api/v1/auth/sso/callback").then();
    }

    @Test
    void aRebindingNameNeverReachesAnInternalServerInTheCodeExchange() {
        String host = name("sso");
        try (TestRealm realm = TestRealm.create(keycloak);
                StandIn internal = StandIn.on(INTERNAL, 200, "{\"id_token\":\"x\"}")) {
            String firmId = connectedFirmAt(host, realm, internal.port());
            String state = state(firmId);
            answer(host, PUBLIC, INTERNAL);
            callback(state).statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("https://lexguard.dev/problems/keycloak-address-refused"));
            assertThat(internal.requests()).isEmpty();
        }
    }

    @Test
    void theCodeExchangeGoesToTheAddressTheEgressChecked() {
        String host = name("sso");
        try (TestRealm realm = TestRealm.create(keycloak);
                StandIn standIn = StandIn.on(ALLOWED, 400, "{\"error\":\"invalid_grant\"}")) {
            String firmId = connectedFirmAt(host, realm, standIn.port());
            callback(state(firmId)).statusCode(401).contentType("application/problem+json")
                    .body("type", equalTo("https://lexguard.dev/problems/sso-code-rejected"));
            assertThat(standIn.requests()).singleElement().satisfies(request -> {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.path()).isEqualTo("/realms/" + realm.name() + "/protocol/openid-connect/token");
                assertThat(request.authorization()).startsWith("Basic ");
            });
            assertNoSecretLogged(realm.secret(), standIn.requests().get(0).authorization().substring(6));
        }
    }

    private static RsaJsonWebKey key(String id) throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(id);
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        return key;
    }

    private static String keySet(RsaJsonWebKey key) {
        return new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static String idToken(RsaJsonWebKey key, String issuer) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience("lexguard");
        claims.setSubject(UUID.randomUUID().toString());
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setClaim("nonce", "the-nonce");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    @Test
    void anInternalKeySetIsNeverFetched() throws Exception {
        String host = name("jwks");
        answer(host, INTERNAL);
        RsaJsonWebKey key = key("k1");
        try (StandIn internal = StandIn.on(INTERNAL, 200, keySet(key))) {
            String issuer = "http://" + host + ":" + internal.port() + "/realms/firm";
            BusinessRuleProblem refused = catchThrowableOfType(BusinessRuleProblem.class,
                    () -> verifier.verify(idToken(key, issuer), issuer, "lexguard", "the-nonce"));
            assertThat(refused).isNotNull();
            assertThat(refused.getMessage()).contains("may not connect");
            assertThat(internal.requests()).isEmpty();
        }
    }

    @Test
    void theKeySetIsFetchedThroughTheEgressAndRefetchedForAnUnknownKey() throws Exception {
        String host = name("jwks");
        answer(host, ALLOWED);
        RsaJsonWebKey first = key("k1");
        RsaJsonWebKey second = key("k2");
        try (StandIn standIn = StandIn.on(ALLOWED, 200, keySet(first))) {
            String issuer = "http://" + host + ":" + standIn.port() + "/realms/firm";
            assertThat(verifier.verify(idToken(first, issuer), issuer, "lexguard", "the-nonce").getIssuer())
                    .isEqualTo(issuer);
            assertThat(verifier.verify(idToken(first, issuer), issuer, "lexguard", "the-nonce").getIssuer())
                    .isEqualTo(issuer);
            assertThat(standIn.requests()).hasSize(1);
            standIn.answer(200, keySet(second));
            assertThat(verifier.verify(idToken(second, issuer), issuer, "lexguard", "the-nonce").getIssuer())
                    .isEqualTo(issuer);
            assertThat(standIn.requests()).hasSize(2).allSatisfy(request -> {
                assertThat(request.method()).isEqualTo("GET");
                assertThat(request.path()).isEqualTo("/realms/firm/protocol/openid-connect/certs");
            });
        }
    }
}
