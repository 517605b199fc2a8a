package dev.lexguard.identity.keycloak;

import dev.lexguard.identity.users.UserStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Makes one user's Keycloak account match LexGuard, blocking (worker threads only). State-based and idempotent: it
 * reads the account, changes what differs (user name, email, names, enabled, the mirrored groups) and reports each
 * change, so a job that runs twice, or a reconciliation after it, changes nothing more. An account is found by the
 * stored link, else by user name (the email), so a firm's existing Keycloak users are linked rather than duplicated.
 * Deactivation also logs the user out of every Keycloak session.
 */
@ApplicationScoped
public class UserSync {

    private final KeycloakConfig config;
    private final RealmSetup setup;

    public UserSync(KeycloakConfig config, RealmSetup setup) {
        this.config = config;
        this.setup = setup;
    }

    public SyncResult sync(Keycloak keycloak, KeycloakConnection connection, UserSnapshot user,
            Map<UUID, String> groupLinks) {
        RealmResource realm = keycloak.realm(connection.realm());
        List<SyncResult.Change> changes = new ArrayList<>();
        UserRepresentation account = find(realm, user);
        String action;
        if (account == null) {
            if (!user.enabled()) {
                return new SyncResult(user.userId(), null, "unchanged", false, 0, 0, List.of(), Map.of());
            }
            account = new UserRepresentation();
            apply(account, user);
            try (Response response = realm.users().create(account)) {
                account.setId(RealmSetup.createdId(response, "the user"));
            }
            changes.add(new SyncResult.Change("created", null));
            action = "created";
        } else {
            action = update(realm, account, user, changes);
        }
        UserResource resource = realm.users().get(account.getId());
        boolean loggedOut = false;
        if (!user.enabled() && !resource.getUserSessions().isEmpty()) {
            resource.logout();
            loggedOut = true;
            changes.add(new SyncResult.Change("sessions_logged_out", null));
        }
        Map<UUID, String> created = new HashMap<>();
        int[] moved = syncGroups(realm, connection, resource, user, groupLinks, created, changes);
        if ("unchanged".equals(action) && (moved[0] > 0 || moved[1] > 0 || loggedOut)) {
            action = "updated";
        }
        return new SyncResult(user.userId(), account.getId(), action, loggedOut, moved[0], moved[1], changes, created);
    }

    private UserRepresentation find(RealmResource realm, UserSnapshot user) {
        if (user.keycloakUserId() != null) {
            try {
                return realm.users().get(user.keycloakUserId()).toRepresentation();
            } catch (WebApplicationException e) {
                if (e.getResponse() == null || e.getResponse().getStatus() != 404) {
                    throw e;
                }
                // deleted in Keycloak: look for it by name, else create it again
            }
        }
        for (UserRepresentation candidate : realm.users().searchByUsername(username(user), true)) {
            if (username(user).equals(candidate.getUsername())) {
                return candidate;
            }
        }
        return null;
    }

    private String update(RealmResource realm, UserRepresentation account, UserSnapshot user,
            List<SyncResult.Change> changes) {
        String[] names = names(user.displayName());
        boolean enabledBefore = Boolean.TRUE.equals(account.isEnabled());
        if (!username(user).equals(account.getUsername())) {
            changes.add(new SyncResult.Change("username_restored", null));
        }
        if (!user.email().equalsIgnoreCase(Objects.requireNonNullElse(account.getEmail(), ""))) {
            changes.add(new SyncResult.Change("email_restored", null));
        }
        if (!names[0].equals(account.getFirstName()) || !names[1].equals(account.getLastName())) {
            changes.add(new SyncResult.Change("name_restored", null));
        }
        if (enabledBefore != user.enabled()) {
            changes.add(new SyncResult.Change(user.enabled() ? "enabled" : "disabled", null));
        }
        boolean verifiedWanted = verified(user);
        if (changes.isEmpty() && Boolean.valueOf(verifiedWanted).equals(account.isEmailVerified())) {
            return "unchanged";
        }
        apply(account, user);
        realm.users().get(account.getId()).update(account);
        if (enabledBefore != user.enabled()) {
            return user.enabled() ? "enabled" : "disabled";
        }
        return "updated";
    }

    /** Joins the mirrored groups LexGuard has and leaves those it has not; other Keycloak groups are the firm's own. */
    private int[] syncGroups(RealmResource realm, KeycloakConnection connection, UserResource resource,
            UserSnapshot user, Map<UUID, String> groupLinks, Map<UUID, String> created, List<SyncResult.Change> changes) {
        Map<String, UUID> wanted = new HashMap<>();
        for (UUID groupId : user.groupIds()) {
            String keycloakId = groupLinks.get(groupId);
            if (keycloakId == null) {
                RealmSetup.GroupLink link = setup.ensureGroup(realm, connection.rootGroupId(), groupId);
                keycloakId = link.keycloakGroupId();
                created.put(groupId, keycloakId);
            }
            wanted.put(keycloakId, groupId);
        }
        String prefix = "/" + config.rootGroupName() + "/";
        Set<String> current = new HashSet<>();
        int removed = 0;
        for (GroupRepresentation group : resource.groups(0, 1000, false)) {
            if (group.getPath() == null || !group.getPath().startsWith(prefix)) {
                continue;
            }
            current.add(group.getId());
            if (!wanted.containsKey(group.getId())) {
                resource.leaveGroup(group.getId());
                removed++;
                changes.add(new SyncResult.Change("group_removed", parseGroupId(group.getName())));
            }
        }
        int added = 0;
        for (Map.Entry<String, UUID> entry : wanted.entrySet()) {
            if (!current.contains(entry.getKey())) {
                resource.joinGroup(entry.getKey());
                added++;
                changes.add(new SyncResult.Change("group_added", entry.getValue()));
            }
        }
        return new int[] {added, removed};
    }

    private static UUID parseGroupId(String name) {
        try {
            return UUID.fromString(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void apply(UserRepresentation account, UserSnapshot user) {
        String[] names = names(user.displayName());
        account.setUsername(username(user));
        account.setEmail(user.email());
        account.setFirstName(names[0]);
        account.setLastName(names[1]);
        account.setEnabled(user.enabled());
        account.setEmailVerified(verified(user));
    }

    /** LexGuard has verified the address once the invitation was accepted. */
    private static boolean verified(UserSnapshot user) {
        return user.status() != UserStatus.INVITED;
    }

    static String username(UserSnapshot user) {
        return user.email().toLowerCase(Locale.ROOT);
    }

    /**
     * Keycloak's user profile asks for a first and a last name (it would stop the user at sign-in to fill them in):
     * the display name's last word is the last name, the rest the first; a single word is both.
     */
    static String[] names(String displayName) {
        String name = displayName.strip();
        int space = name.lastIndexOf(' ');
        return space < 0 ? new String[] {name, name} : new String[] {name.substring(0, space).strip(), name.substring(space + 1)};
    }
}
