package dev.lexguard.identity.keycloak;

import dev.lexguard.devstack.KeycloakSettings;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * A fresh realm of the test Keycloak, as a firm's Keycloak administrator would prepare it: a confidential client
 * with a service account holding realm-management's manage-users and manage-clients. The test looks into the realm
 * with the master administrator, the way an auditor would, never through LexGuard.
 */
public final class TestRealm implements AutoCloseable {

    public static final String PROVISIONER = "lexguard-provisioner";

    private final KeycloakSettings settings;
    private final Keycloak master;
    private final String name;
    private final String secret;

    private TestRealm(KeycloakSettings settings, Keycloak master, String name, String secret) {
        this.settings = settings;
        this.master = master;
        this.name = name;
        this.secret = secret;
    }

    public static TestRealm create(KeycloakSettings settings) {
        Keycloak master = KeycloakBuilder.builder().serverUrl(settings.url()).realm("master").clientId("admin-cli")
                .grantType(OAuth2Constants.PASSWORD).username(settings.adminUsername())
                .password(settings.adminPassword()).build();
        String name = "firm-" + UUID.randomUUID().toString().substring(0, 8);
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(name);
        realm.setEnabled(true);
        master.realms().create(realm);
        RealmResource resource = master.realm(name);

        String secret = UUID.randomUUID().toString();
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(PROVISIONER);
        client.setPublicClient(false);
        client.setSecret(secret);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        String clientUuid;
        try (Response created = resource.clients().create(client)) {
            clientUuid = RealmSetup.createdId(created, "the provisioner client");
        }
        String serviceAccount = resource.clients().get(clientUuid).getServiceAccountUser().getId();
        String realmManagement = resource.clients().findByClientId("realm-management").get(0).getId();
        List<RoleRepresentation> roles = new ArrayList<>();
        for (String role : List.of("manage-users", "manage-clients", "view-users", "query-groups", "view-clients")) {
            roles.add(resource.clients().get(realmManagement).roles().get(role).toRepresentation());
        }
        resource.users().get(serviceAccount).roles().clientLevel(realmManagement).add(roles);
        // admin-cli of this realm (public, direct grants) lets a test open a Keycloak session of a user
        return new TestRealm(settings, master, name, secret);
    }

    public String name() {
        return name;
    }

    public String serverUrl() {
        return settings.url();
    }

    public String secret() {
        return secret;
    }

    public RealmResource realm() {
        return master.realm(name);
    }

    /** The body an administrator sends to connect a firm to this realm. */
    public Map<String, Object> connectBody() {
        return Map.of("serverUrl", settings.url(), "realm", name, "clientId", PROVISIONER, "clientSecret", secret);
    }

    public UserRepresentation userByName(String username) {
        List<UserRepresentation> found = realm().users().searchByUsername(username, true);
        return found.isEmpty() ? null : found.get(0);
    }

    public UserResource user(String id) {
        return realm().users().get(id);
    }

    /** Gives a Keycloak account a password, as the firm's people sign in to Keycloak with Keycloak's credentials. */
    public void setPassword(String userId, String password) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user(userId).resetPassword(credential);
    }

    /**
     * What a realm administrator does so that Keycloak's ID tokens name the methods it checked: each authenticator
     * of the browser flow gets its reference (amr), pwd for the password form and otp for the OTP form.
     */
    public void referenceMethods() {
        for (AuthenticationExecutionInfoRepresentation execution : realm().flows().getExecutions("browser")) {
            String reference = "auth-username-password-form".equals(execution.getProviderId()) ? "pwd"
                    : "auth-otp-form".equals(execution.getProviderId()) ? "otp" : null;
            if (reference == null) {
                continue;
            }
            AuthenticatorConfigRepresentation config = new AuthenticatorConfigRepresentation();
            config.setAlias("amr-" + reference);
            // Keycloak names a method only while it is younger than its max age (0 s by default: gone a second
            // later, even before the code exchange); five minutes, as a realm would set it
            config.setConfig(Map.of("default.reference.value", reference, "default.reference.maxAge", "300"));
            try (Response created = realm().flows().newExecutionConfig(execution.getId(), config)) {
                RealmSetup.createdId(created, "the reference of " + execution.getProviderId());
            }
        }
    }

    /**
     * Keycloak asks the user to set up its own TOTP at the next sign-in (a required action). Its codes may be used
     * again, so a test can sign in several times within one 30-second step (Keycloak's own replay rule is not what
     * LexGuard's tests are about).
     */
    public void requireTotpSetup(String userId) {
        UserRepresentation user = user(userId).toRepresentation();
        user.setRequiredActions(List.of("CONFIGURE_TOTP"));
        user(userId).update(user);
        RealmRepresentation realm = realm().toRepresentation();
        realm.setOtpPolicyCodeReusable(true);
        realm().update(realm);
    }

    /** A user made in Keycloak directly (not through LexGuard). */
    public String createUser(String email, String password) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setFirstName("Kay");
        user.setLastName("Cloak");
        user.setEnabled(true);
        String id;
        try (Response created = realm().users().create(user)) {
            id = RealmSetup.createdId(created, "the user");
        }
        setPassword(id, password);
        return id;
    }

    /** Keycloak's own password grant through this realm's admin-cli client (public, direct grants): opens a session. */
    public HttpResponse<String> directGrant(String username, String password) {
        String form = "grant_type=password&client_id=admin-cli&scope=openid&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(serverUrl() + "/realms/" + name + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            realm().remove();
        } finally {
            master.close();
        }
    }
}
