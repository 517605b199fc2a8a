package dev.lexguard.identity.keycloak;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.GroupResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;

/**
 * What LexGuard creates in a firm's realm, blocking (worker threads only): the confidential OIDC client for sign-in
 * (authorization code with PKCE S256 only, our redirect URI), the root group and one subgroup per LexGuard group.
 * Every step finds what exists before creating, so running it again repairs rather than duplicates.
 */
@ApplicationScoped
public class RealmSetup {

    static final String GROUP_ATTRIBUTE = "lexguardGroupId";
    private static final int PAGE = 500;
    static final String AMR_MAPPER = "oidc-amr-mapper";

    private final KeycloakConfig config;

    public RealmSetup(KeycloakConfig config) {
        this.config = config;
    }

    /** The sign-in client and root group, with the client's secret (to be sealed at once) and the groups made. */
    public record Result(String signInClientId, String signInClientUuid, String signInClientSecret, String rootGroupId,
            Map<UUID, String> groups, List<UUID> groupsCreated) {

        @Override
        public String toString() {
            return "RealmSetup.Result[signInClientId=" + signInClientId + ", rootGroupId=" + rootGroupId + "]";
        }
    }

    public Result setUp(Keycloak keycloak, String realmName, Collection<UUID> groupIds) {
        RealmResource realm = keycloak.realm(realmName);
        String clientUuid = ensureSignInClient(realm);
        String secret = realm.clients().get(clientUuid).getSecret().getValue();
        String rootId = ensureRootGroup(realm);
        Map<UUID, String> groups = new HashMap<>();
        List<UUID> created = new ArrayList<>();
        for (UUID groupId : groupIds) {
            GroupLink link = ensureGroup(realm, rootId, groupId);
            groups.put(groupId, link.keycloakGroupId());
            if (link.created()) {
                created.add(groupId);
            }
        }
        return new Result(config.signInClientId(), clientUuid, secret, rootId, groups, created);
    }

    private String ensureSignInClient(RealmResource realm) {
        List<ClientRepresentation> found = realm.clients().findByClientId(config.signInClientId());
        ClientRepresentation wanted = found.isEmpty() ? new ClientRepresentation() : found.get(0);
        wanted.setClientId(config.signInClientId());
        wanted.setName("LexGuard");
        wanted.setDescription("Sign-in to LexGuard (managed by LexGuard; changes here are overwritten on reconnect)");
        wanted.setProtocol("openid-connect");
        wanted.setEnabled(true);
        wanted.setPublicClient(false);
        wanted.setClientAuthenticatorType("client-secret");
        wanted.setStandardFlowEnabled(true);
        wanted.setImplicitFlowEnabled(false);
        wanted.setDirectAccessGrantsEnabled(false);
        wanted.setServiceAccountsEnabled(false);
        wanted.setRedirectUris(List.of(config.redirectUri()));
        Map<String, String> attributes = wanted.getAttributes() == null ? new HashMap<>() : new HashMap<>(wanted.getAttributes());
        attributes.put("pkce.code.challenge.method", "S256");
        attributes.put("post.logout.redirect.uris", "+");
        wanted.setAttributes(attributes);
        String clientUuid;
        if (found.isEmpty()) {
            try (Response response = realm.clients().create(wanted)) {
                clientUuid = createdId(response, "the sign-in client");
            }
        } else {
            realm.clients().get(wanted.getId()).update(wanted);
            clientUuid = wanted.getId();
        }
        ensureAmrMapper(realm.clients().get(clientUuid));
        return clientUuid;
    }

    /**
     * Keycloak's AMR mapper on the sign-in client, so ID tokens name the methods Keycloak checked (the values the
     * realm's administrator set as each authenticator's reference, e.g. pwd and otp). LexGuard reads them only where
     * the firm's owner trusts Keycloak's second factor.
     */
    private static void ensureAmrMapper(ClientResource client) {
        boolean present = client.getProtocolMappers().getMappers().stream()
                .anyMatch(mapper -> AMR_MAPPER.equals(mapper.getProtocolMapper()));
        if (present) {
            return;
        }
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("amr");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper(AMR_MAPPER);
        mapper.setConfig(Map.of("id.token.claim", "true", "access.token.claim", "false",
                "introspection.token.claim", "false"));
        try (Response response = client.getProtocolMappers().createMapper(mapper)) {
            createdId(response, "the amr mapper of the sign-in client");
        }
    }

    private String ensureRootGroup(RealmResource realm) {
        String name = config.rootGroupName();
        for (GroupRepresentation group : realm.groups().groups(name, true, 0, PAGE, true)) {
            if (name.equals(group.getName())) {
                return group.getId();
            }
        }
        GroupRepresentation root = new GroupRepresentation();
        root.setName(name);
        root.setAttributes(Map.of("managedBy", List.of("LexGuard")));
        try (Response response = realm.groups().add(root)) {
            return createdId(response, "the root group");
        }
    }

    /** A Keycloak group and whether it was made just now. */
    public record GroupLink(String keycloakGroupId, boolean created) {
    }

    /** The subgroup of the root group that mirrors a LexGuard group (named by its id), created if missing. */
    public GroupLink ensureGroup(RealmResource realm, String rootGroupId, UUID groupId) {
        GroupResource root = realm.groups().group(rootGroupId);
        String name = groupId.toString();
        for (GroupRepresentation sub : root.getSubGroups(name, true, 0, PAGE, true)) {
            if (name.equals(sub.getName())) {
                return new GroupLink(sub.getId(), false);
            }
        }
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        group.setAttributes(Map.of(GROUP_ATTRIBUTE, List.of(name)));
        try (Response response = root.subGroup(group)) {
            return new GroupLink(createdId(response, "group " + name), true);
        }
    }

    static String createdId(Response response, String what) {
        if (response.getStatus() != 201 || response.getLocation() == null) {
            throw new WebApplicationException("Keycloak did not create " + what, Response.status(response.getStatus()).build());
        }
        String path = response.getLocation().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
