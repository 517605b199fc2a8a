package dev.lexguard.feed;

import static io.restassured.RestAssured.given;

import dev.lexguard.platform.events.envelope.CloudEvent;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;

/**
 * Each test makes its own firm: identity's and permissions-service's events are published on the real topics, and
 * the fixture waits until the feed has ingested them.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public record TestFirm(UUID firmId, UUID ownerId) {

        public RequestSpecification as(UUID user) {
            return given().auth().oauth2(Tokens.user(firmId, user));
        }

        public RequestSpecification asOwner() {
            return as(ownerId);
        }

        /** As {@code user}, with a second factor proven just now (risky acts: changing retention). */
        public RequestSpecification steppedUp(UUID user) {
            return given().auth().oauth2(Tokens.steppedUp(firmId, user));
        }

        public RequestSpecification ownerSteppedUp() {
            return steppedUp(ownerId);
        }
    }

    /** A firm whose owner is projected as an administrator (as permissions-service publishes it). */
    public static TestFirm firm() {
        UUID firmId = UUID.randomUUID();
        UUID ownerId = UUID.randomUUID();
        Events.send(Events.userCreated(firmId, ownerId, "Olu Owner", true, ownerId));
        await(Events.send(Events.permissionsChanged(firmId, ownerId, ownerId, List.of("accounts", "administrator", "billing", "reporting"))));
        return new TestFirm(firmId, ownerId);
    }

    /**
     * A firm whose only entry is its administrator's permissions: no identity event, so no other service on the
     * shared broker (permissions-service projects identity's users) adds entries of its own to it.
     */
    public static TestFirm quietFirm() {
        UUID firmId = UUID.randomUUID();
        UUID ownerId = UUID.randomUUID();
        await(Events.send(Events.permissionsChanged(firmId, ownerId, ownerId, List.of("administrator"))));
        return new TestFirm(firmId, ownerId);
    }

    /** A second administrator, by permissions only (so a quiet firm stays quiet). */
    public static UUID administrator(TestFirm firm, String displayName) {
        UUID userId = UUID.randomUUID();
        await(Events.send(Events.permissionsChanged(firm.firmId(), userId, firm.ownerId(), List.of("administrator"))));
        return userId;
    }

    /** An active user of the firm without permissions. */
    public static UUID user(TestFirm firm, String displayName) {
        UUID userId = UUID.randomUUID();
        await(Events.send(Events.userCreated(firm.firmId(), userId, displayName, false, firm.ownerId())));
        return userId;
    }

    /** A group created in permissions-service (no members yet). */
    public static UUID group(TestFirm firm, String name) {
        UUID group = UUID.randomUUID();
        await(Events.send(Events.groupCreated(firm.firmId(), group, name, firm.ownerId())));
        return group;
    }

    /** The user's saved default group filter, as permissions-service publishes it; no entries: none. */
    public static void defaultFilter(TestFirm firm, UUID user, String... groups) {
        await(Events.send(Events.groupFilterChanged(firm.firmId(), user, List.of(groups), List.of())));
    }

    public static void addMember(TestFirm firm, UUID group, UUID user) {
        await(Events.send(Events.groupMember(firm.firmId(), group, user, firm.ownerId(), true)));
    }

    public static void removeMember(TestFirm firm, UUID group, UUID user) {
        await(Events.send(Events.groupMember(firm.firmId(), group, user, firm.ownerId(), false)));
    }

    /** A matter registered by permissions-service (access: everyone). */
    public static UUID matter(TestFirm firm, String number) {
        UUID matter = UUID.randomUUID();
        await(Events.send(Events.matterRegistered(firm.firmId(), matter, number, firm.ownerId())));
        return matter;
    }

    /** A matter restricted to the given groups, users and blocks (version 2 of its list). */
    public static UUID restrictedMatter(TestFirm firm, String number, List<UUID> groups, List<UUID> users, List<UUID> blocked) {
        UUID matter = matter(firm, number);
        await(Events.send(Events.accessChanged(firm.firmId(), matter, firm.ownerId(), "restricted", groups, users, blocked, 2)));
        return matter;
    }

    public static CloudEvent await(CloudEvent event) {
        FeedDb.awaitEntry(event);
        return event;
    }
}
