package dev.lexguard.feed.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexguard.platform.events.envelope.ActorType;
import dev.lexguard.platform.events.envelope.CloudEvent;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EntryFactoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CloudEvent event(String type, UUID matter, Map<String, ?> data) {
        return new CloudEvent(UUID.randomUUID(), "/x-service", type, Instant.parse("2026-11-29T10:00:00.123456789Z"), "subject-1",
                URI.create("https://schemas.lexguard.dev/events/" + type + "/1.0.json"), UUID.randomUUID(), "actor-1", ActorType.USER,
                matter, JSON.valueToTree(data));
    }

    @Test
    void knownTypesGetTheirSentenceCategoryAndObject() {
        UUID matter = UUID.randomUUID();
        EntryDraft access = EntryFactory.entry(event("dev.lexguard.permissions.matteraccess.changed", matter,
                Map.of("matterId", matter.toString(), "mode", "restricted")));
        assertThat(access.category()).isEqualTo("permissions");
        assertThat(access.adminOnly()).isTrue();
        assertThat(access.objectType()).isEqualTo("matter");
        assertThat(access.objectId()).isEqualTo(matter.toString());
        assertThat(access.matterId()).isEqualTo(matter);
        assertThat(access.summary()).isEqualTo("The matter's access list changed (access: restricted)");

        EntryDraft signIn = EntryFactory.entry(event("dev.lexguard.identity.signin.failed", null,
                Map.of("userId", "u-1", "reason", "bad-password", "clientIp", "203.0.113.9")));
        assertThat(signIn.category()).isEqualTo("security");
        assertThat(signIn.objectType()).isEqualTo("user");
        assertThat(signIn.objectId()).isEqualTo("u-1");
        assertThat(signIn.ip()).isEqualTo("203.0.113.9");
        assertThat(signIn.summary()).isEqualTo("A sign-in failed (bad-password)");

        EntryDraft unusual = EntryFactory.entry(event("dev.lexguard.sessions.signin.unusual", null,
                Map.of("location", Map.of("country", "NZ", "city", "Wellington"))));
        assertThat(unusual.location()).contains("\"country\":\"NZ\"").contains("\"city\":\"Wellington\"");

        EntryDraft registered = EntryFactory.entry(event("dev.lexguard.permissions.matter.registered", null,
                Map.of("matterId", matter.toString(), "displayNumber", "2026-0042")));
        assertThat(registered.matterId()).isEqualTo(matter);
        assertThat(registered.category()).isEqualTo("matters");
        assertThat(registered.adminOnly()).isFalse();
        assertThat(registered.objectTitle()).isEqualTo("2026-0042");
    }

    @Test
    void aSignInApprovedOnThePhoneNamesTheDeviceForAdministrators() {
        String device = UUID.randomUUID().toString();
        EntryDraft approved = EntryFactory.entry(event("dev.lexguard.identity.session.started", null,
                Map.of("sessionId", UUID.randomUUID().toString(), "userId", "u-1", "clientIp", "203.0.113.9",
                        "amr", List.of("pwd", "swk", "mfa"),
                        "approvedBy", Map.of("deviceId", device, "deviceName", "Ada's iPhone"))));
        assertThat(approved.summary()).isEqualTo("A user signed in with password, approved on mobile device 'Ada's iPhone'");
        assertThat(approved.adminOnly()).isTrue();

        EntryDraft notMe = EntryFactory.entry(event("dev.lexguard.identity.approval.denied", null,
                Map.of("requestId", UUID.randomUUID().toString(), "userId", "u-1", "deviceId", device, "notMe", true,
                        "clientIp", "203.0.113.9")));
        assertThat(notMe.category()).isEqualTo("security");
        assertThat(notMe.adminOnly()).isTrue();
        assertThat(notMe.summary()).isEqualTo("A sign-in was denied on a mobile device: the user says it was not them");
    }

    @Test
    void aSignInsSentenceNamesTheMethodsItsAmrCarries() {
        assertThat(signedIn(List.of("pwd"))).isEqualTo("A user signed in with password");
        assertThat(signedIn(List.of("pwd", "otp"))).isEqualTo("A user signed in with password and authenticator app");
        assertThat(signedIn(List.of("pwd", "hwk"))).isEqualTo("A user signed in with password and passkey");
        assertThat(signedIn(List.of("pwd", "rec"))).isEqualTo("A user signed in with password and recovery code");
        assertThat(signedIn(List.of("hwk", "user"))).isEqualTo("A user signed in with passkey, without a password");
        assertThat(signedIn(List.of("sso", "mfa")))
                .isEqualTo("A user signed in with the firm's single sign-on and the single sign-on's second factor");
        // an amr value the feed does not know is not quoted
        assertThat(signedIn(List.of("<b>x</b>"))).isEqualTo("A user signed in");
    }

    private static String signedIn(List<String> amr) {
        return EntryFactory.entry(event("dev.lexguard.identity.session.started", null,
                Map.of("sessionId", UUID.randomUUID().toString(), "amr", amr))).summary();
    }

    @Test
    void aSavedGroupFilterIsAnAdministratorsEntryAboutTheUser() {
        String user = UUID.randomUUID().toString();
        String group = UUID.randomUUID().toString();
        EntryDraft saved = EntryFactory.entry(event("dev.lexguard.permissions.groupfilter.changed", null,
                Map.of("userId", user, "groups", List.of("mine", group), "previousGroups", List.of())));
        assertThat(saved.category()).isEqualTo("permissions");
        assertThat(saved.adminOnly()).isTrue();
        assertThat(saved.objectType()).isEqualTo("user");
        assertThat(saved.objectId()).isEqualTo(user);
        assertThat(saved.summary()).isEqualTo("A user saved a default group filter of 2 entries");

        EntryDraft removed = EntryFactory.entry(event("dev.lexguard.permissions.groupfilter.changed", null,
                Map.of("userId", user, "groups", List.of(), "previousGroups", List.of(group))));
        assertThat(removed.adminOnly()).isTrue();
        assertThat(removed.summary()).isEqualTo("A user removed their default group filter");
    }

    @Test
    void everyEventTypeOfTheCatalogueHasItsOwnSentence() throws Exception {
        String catalogue = new String(EntryFactoryTest.class.getResourceAsStream("/META-INF/lexguard/events/catalogue.list")
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        java.util.List<String> types = catalogue.lines().filter(l -> l.endsWith(".schema.json"))
                .map(l -> l.substring(0, l.length() - ".schema.json".length())).toList();
        assertThat(types).hasSizeGreaterThan(60);
        assertThat(types).allSatisfy(type -> assertThat(EntryFactory.knows(type)).as(type).isTrue());

        EntryDraft opened = EntryFactory.entry(event("dev.lexguard.sharing.share.opened", null,
                Map.of("shareId", "s-1", "title", "Engagement letter")));
        assertThat(opened.summary()).isEqualTo("A contact opened 'Engagement letter'");
        assertThat(opened.category()).isEqualTo("sharing");

        EntryDraft portal = EntryFactory.entry(event("dev.lexguard.identity.portal.signInFailed", null,
                Map.of("accountId", "c-1", "email", "casey@client.example", "reason", "wrong_password",
                        "clientIp", "203.0.113.7")));
        assertThat(portal.summary()).isEqualTo("A client portal sign-in failed (wrong_password)");
        assertThat(portal.objectType()).isEqualTo("contact");
        assertThat(portal.adminOnly()).isTrue();
        assertThat(portal.ip()).isEqualTo("203.0.113.7");

        EntryDraft reset = EntryFactory.entry(event("dev.lexguard.identity.portal.passwordReset", null,
                Map.of("resetId", "r-1", "accountId", "c-1", "sessionsEnded", 2)));
        assertThat(reset.summary()).isEqualTo("A contact reset their client portal password; their portal sessions ended");
        assertThat(reset.category()).isEqualTo("security");
        assertThat(reset.adminOnly()).isTrue();
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void aChangeEventsSentenceNamesEachChangedFieldWithPlainValuesBeforeAndAfter() {
        EntryDraft sessions = EntryFactory.entry(event("dev.lexguard.sessions.policy.changed", null, ordered(
                "userIdleMinutes", 480, "administratorIdleMinutes", 15, "contactAbsoluteMinutes", 1440,
                "previous", ordered("administratorIdleMinutes", 30, "contactAbsoluteMinutes", null))));
        assertThat(sessions.summary()).isEqualTo(
                "The firm's session policy changed: administrator idle 30 min → 15 min, contact absolute no limit → 1440 min");
        assertThat(sessions.category()).isEqualTo("security");
        assertThat(sessions.adminOnly()).isTrue();

        UUID matter = UUID.randomUUID();
        EntryDraft access = EntryFactory.entry(event("dev.lexguard.permissions.matteraccess.changed", matter, ordered(
                "matterId", matter.toString(), "mode", "restricted", "groupIds", java.util.List.of(UUID.randomUUID().toString()),
                "previous", ordered("mode", "everyone", "groupIds", java.util.List.of()))));
        assertThat(access.summary()).isEqualTo("The matter's access list changed (access: restricted): mode everyone → restricted, groups");

        EntryDraft twoFactor = EntryFactory.entry(event("dev.lexguard.identity.twofactor.policyChanged", null, ordered(
                "required", true, "graceDays", 1, "previous", ordered("required", false, "graceDays", 0))));
        assertThat(twoFactor.summary()).isEqualTo(
                "The firm's two-factor policy changed: required no → yes, grace period 0 days → 1 day");

        EntryDraft sharing = EntryFactory.entry(event("dev.lexguard.sharing.policy.changed", null, ordered(
                "defaultExpiryDays", ordered("client", 365, "expert", 60), "expiryWarningDaysByKind", ordered("client", 5),
                "previous", ordered("defaultExpiryDays", ordered("client", 365, "expert", 90),
                        "expiryWarningDaysByKind", ordered("client", null)))));
        assertThat(sharing.summary()).isEqualTo("The firm's sharing policy changed: default expiry (expert) 90 days → 60 days,"
                + " expiry warning (client) none → 5 days");

        EntryDraft client = EntryFactory.entry(event("dev.lexguard.permissions.matter.updated", matter, ordered(
                "matterId", matter.toString(), "displayNumber", "2026-0042", "description", "Okafor v. Lane (appeal)",
                "clientContactId", UUID.randomUUID().toString(),
                "previous", ordered("description", "Okafor v. Lane", "clientContactId", UUID.randomUUID().toString()))));
        assertThat(client.summary()).isEqualTo("Matter 2026-0042 was changed: description, client");

        EntryDraft nothing = EntryFactory.entry(event("dev.lexguard.permissions.group.updated", null, ordered(
                "groupId", UUID.randomUUID().toString(), "name", "Tax", "previous", Map.of())));
        assertThat(nothing.summary()).isEqualTo("Group 'Tax' was changed (no field changed)");
        assertThat(EntryFactory.entry(event("dev.lexguard.permissions.group.updated", null, ordered("name", "Tax"))).summary())
                .isEqualTo("Group 'Tax' was changed");
    }

    @Test
    void anActivityDescriptionsEntryNeverQuotesItsChangesInTheSentence() {
        EntryDraft time = EntryFactory.entry(event("dev.lexguard.permissions.activitydescription.changed", null, ordered(
                "activityDescriptionId", UUID.randomUUID().toString(), "change", "updated", "defaultRate", "300.00",
                "previous", ordered("defaultRate", "250.00"))));
        assertThat(time.summary()).isEqualTo("An activity description was updated");
        EntryDraft core = EntryFactory.entry(event("dev.lexguard.activity.timeEntry.updated", null, ordered(
                "hours", "2.0", "previous", ordered("hours", "1.5"))));
        assertThat(core.summary()).doesNotContain("1.5");
    }

    @Test
    void unknownTypesGetAGenericSentenceFromTheirName() {
        EntryDraft entry = EntryFactory.entry(event("dev.lexguard.activity.timeEntry.addedByImport", null, Map.of("hours", "2")));
        assertThat(EntryFactory.knows("dev.lexguard.activity.timeEntry.addedByImport")).isFalse();
        assertThat(entry.summary()).isEqualTo("Time entry added by import (event dev.lexguard.activity.timeEntry.addedByImport)");
        assertThat(entry.category()).isEqualTo("billing");
        assertThat(entry.objectType()).isEqualTo("timeentry");
        assertThat(entry.objectId()).isEqualTo("subject-1");
        assertThat(EntryFactory.entry(event("dev.lexguard.newservice.widget.spun", null, Map.of())).category()).isEqualTo("other");
        assertThat(EntryFactory.entry(event("dev.lexguard.activity.document.uploaded", null, Map.of())).category()).isEqualTo("documents");
        assertThat(EntryFactory.entry(event("dev.lexguard.activity.task.completed", null, Map.of())).details()).isNull();
    }
}
