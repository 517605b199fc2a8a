package dev.lexguard.feed.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lexguard.platform.events.envelope.CloudEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns an event into a feed entry: verb, object, matter, category, a summary sentence and the details.
 * Types the feed knows get their own sentence; any other type (a newer producer's) still becomes an entry
 * with a generic one. Summaries never quote an activity description's text (that is in the details, which
 * are redacted for readers outside its groups).
 */
public final class EntryFactory {

    /** Categories a reader can filter by. */
    public static final Set<String> CATEGORIES = Set.of("security", "permissions", "users", "matters", "sharing",
            "billing", "documents", "activity", "other");
    /** Categories whose entries only administrators see: sign-ins, sessions, 2FA, permission and group changes. */
    static final Set<String> ADMIN_ONLY = Set.of("security", "permissions");

    private static final Map<String, Function<JsonNode, String>> SUMMARIES = Map.ofEntries(
            Map.entry("dev.lexguard.identity.firm.created", d -> "Firm " + quote(d, "name") + " signed up"),
            Map.entry("dev.lexguard.identity.user.created", d -> "User " + quote(d, "displayName") + " was created"),
            Map.entry("dev.lexguard.identity.user.invited", d -> "A user was invited to the firm"),
            Map.entry("dev.lexguard.identity.user.activated", d -> "A user accepted an invitation and activated their account"),
            Map.entry("dev.lexguard.identity.user.deactivated", d -> "A user was deactivated"),
            Map.entry("dev.lexguard.identity.password.changed", d -> "A password was changed"),
            Map.entry("dev.lexguard.identity.password.resetRequested", d -> "A password reset was requested"),
            Map.entry("dev.lexguard.identity.password.resetCompleted", d -> "A password was reset"),
            Map.entry("dev.lexguard.identity.signin.failed", d -> "A sign-in failed" + paren(d, "reason")),
            Map.entry("dev.lexguard.identity.session.started", d -> "A user signed in" + signInMethods(d)
                    + (d.path("approvedBy").isObject() ? ", approved on mobile device " + quote(d.path("approvedBy"), "deviceName") : "")),
            Map.entry("dev.lexguard.identity.session.refreshed", d -> "A session was refreshed"),
            Map.entry("dev.lexguard.identity.session.ended", d -> "A session ended" + paren(d, "reason")),
            Map.entry("dev.lexguard.identity.twofactor.enabled", d -> "Two-factor authentication was enabled"),
            Map.entry("dev.lexguard.identity.twofactor.disabled", d -> "Two-factor authentication was disabled"),
            Map.entry("dev.lexguard.identity.twofactor.replayRejected", d -> "A replayed two-factor code was rejected"),
            Map.entry("dev.lexguard.identity.twofactor.recoveryUsed", d -> "A recovery code was used"),
            Map.entry("dev.lexguard.identity.twofactor.recoveryRegenerated", d -> "Recovery codes were regenerated"),
            Map.entry("dev.lexguard.identity.twofactor.policyChanged", d -> "The firm's two-factor policy changed"),
            Map.entry("dev.lexguard.identity.stepup.succeeded", d -> "A user proved their second factor again (step-up)"),
            Map.entry("dev.lexguard.identity.stepup.failed", d -> "A step-up failed" + paren(d, "reason")),
            Map.entry("dev.lexguard.identity.passkey.registered", d -> "Passkey " + quote(d, "name") + " was registered"),
            Map.entry("dev.lexguard.identity.passkey.removed", d -> "Passkey " + quote(d, "name") + " was removed"),
            Map.entry("dev.lexguard.identity.passkey.renamed", d -> "A passkey was renamed to " + quote(d, "name")),
            Map.entry("dev.lexguard.identity.passkey.used", d -> "A passkey proved the second factor" + paren(d, "purpose")),
            Map.entry("dev.lexguard.identity.passkey.rejected", d -> "A passkey was refused" + paren(d, "reason")),
            Map.entry("dev.lexguard.identity.passkey.policyChanged", d -> "The firm's passkey settings changed"),
            Map.entry("dev.lexguard.identity.approval.keyRegistered",
                    d -> "A mobile device " + (d.path("replaced").asBoolean() ? "replaced" : "registered") + " its sign-in approval key"),
            Map.entry("dev.lexguard.identity.approval.keyRemoved", d -> "A mobile device removed its sign-in approval key"),
            Map.entry("dev.lexguard.identity.approval.requested", d -> "A sign-in asked for approval on a mobile device"),
            Map.entry("dev.lexguard.identity.approval.approved", d -> "A sign-in was approved on a mobile device"),
            Map.entry("dev.lexguard.identity.approval.denied", d -> d.path("notMe").asBoolean()
                    ? "A sign-in was denied on a mobile device: the user says it was not them"
                    : "A sign-in was denied on a mobile device"),
            Map.entry("dev.lexguard.identity.approval.refused", d -> "A mobile device's approval answer was refused" + paren(d, "reason")),
            Map.entry("dev.lexguard.identity.approval.suspended",
                    d -> "Sign-in approval on the phone was suspended after repeated denials"),
            Map.entry("dev.lexguard.identity.signup.emailInUse", d -> "Someone tried to sign up a new firm with a user's email"),
            Map.entry("dev.lexguard.permissions.accountpermissions.changed", d -> "A user's account permissions changed"),
            Map.entry("dev.lexguard.permissions.ownership.transferred", d -> "Ownership of the firm was transferred"),
            Map.entry("dev.lexguard.permissions.role.created", d -> "Role " + quote(d, "name") + " was created"),
            Map.entry("dev.lexguard.permissions.role.updated", d -> "Role " + quote(d, "name") + " was changed"),
            Map.entry("dev.lexguard.permissions.role.deleted", d -> "Role " + quote(d, "name") + " was deleted"),
            Map.entry("dev.lexguard.permissions.group.created", d -> "Group " + quote(d, "name") + " was created"),
            Map.entry("dev.lexguard.permissions.group.updated", d -> "Group " + quote(d, "name") + " was changed"),
            Map.entry("dev.lexguard.permissions.group.deleted", d -> "Group " + quote(d, "name") + " was deleted"),
            Map.entry("dev.lexguard.permissions.groupmember.added", d -> "A user was added to a group"),
            Map.entry("dev.lexguard.permissions.groupmember.removed", d -> "A user was removed from a group"),
            Map.entry("dev.lexguard.permissions.matter.registered", d -> "Matter " + text(d, "displayNumber") + " was registered"),
            Map.entry("dev.lexguard.permissions.matter.updated", d -> "Matter " + text(d, "displayNumber") + " was changed"),
            Map.entry("dev.lexguard.permissions.matter.closed", d -> "Matter " + text(d, "displayNumber") + " was closed"),
            Map.entry("dev.lexguard.permissions.matteraccess.changed",
                    d -> "The matter's access list changed (access: " + d.path("mode").asText("?") + ")"),
            // A permissions entry like every group change, so administrators only: the feed has no "the user themself" view.
            Map.entry("dev.lexguard.permissions.groupfilter.changed", d -> d.path("groups").isEmpty()
                    ? "A user removed their default group filter"
                    : "A user saved a default group filter of " + d.path("groups").size() + " " + (d.path("groups").size() == 1 ? "entry" : "entries")),
            Map.entry("dev.lexguard.permissions.activitydescription.changed",
                    d -> "An activity description was " + d.path("change").asText("changed")),
            Map.entry("dev.lexguard.activity.matter.created", d -> "Matter " + text(d, "displayNumber") + " was opened"),
            Map.entry("dev.lexguard.activity.matter.updated", d -> "Matter " + text(d, "displayNumber") + " was edited"),
            Map.entry("dev.lexguard.activity.matter.closed", d -> "The matter was closed"),
            Map.entry("dev.lexguard.sessions.session.revoked", d -> "A session was revoked" + paren(d, "reason")),
            Map.entry("dev.lexguard.sessions.watermark.raised", d -> "Sessions were revoked" + paren(d, "scope")),
            Map.entry("dev.lexguard.sessions.signin.unusual", d -> "An unusual sign-in was detected"),
            Map.entry("dev.lexguard.sessions.session.disowned", d -> "A user reported a session as not theirs"),
            Map.entry("dev.lexguard.sessions.policy.changed", d -> "The firm's session policy changed"),
            Map.entry("dev.lexguard.gateway.session.active", d -> "A session was active"),
            Map.entry("dev.lexguard.identity.device.registered", d -> "Mobile device " + quote(d, "name") + " was registered"),
            Map.entry("dev.lexguard.identity.device.pinSet", d -> "An app PIN was set on a mobile device"),
            Map.entry("dev.lexguard.identity.device.unlocked", d -> "A mobile device was unlocked with its PIN"),
            Map.entry("dev.lexguard.identity.device.pinFailed", d -> "A wrong app PIN was entered"),
            Map.entry("dev.lexguard.identity.device.wiped", d -> "A mobile device was wiped after too many wrong PINs"),
            Map.entry("dev.lexguard.identity.device.signedOut", d -> "A mobile device was signed out remotely"),
            Map.entry("dev.lexguard.identity.device.lockMissing",
                    d -> "A mobile device without a screen lock got no tokens" + paren(d, "during")),
            Map.entry("dev.lexguard.identity.devicepolicy.changed", d -> "The firm's mobile device policy changed"),
            Map.entry("dev.lexguard.identity.portal.invited", d -> quote(d, "name") + " was invited to the client portal"),
            Map.entry("dev.lexguard.identity.portal.activated", d -> "A contact accepted the client portal invitation"),
            Map.entry("dev.lexguard.identity.portal.signedIn", d -> "A contact signed in to the client portal"),
            Map.entry("dev.lexguard.identity.portal.signInFailed",
                    d -> "A client portal sign-in failed" + paren(d, "reason")),
            Map.entry("dev.lexguard.identity.portal.sessionEnded",
                    d -> "A client portal session ended" + paren(d, "reason")),
            Map.entry("dev.lexguard.identity.portal.twoFactorEnabled",
                    d -> "A contact turned on two-factor authentication for the client portal"),
            Map.entry("dev.lexguard.identity.portal.twoFactorDisabled",
                    d -> "A contact's client portal two-factor authentication was turned off" + paren(d, "by")),
            Map.entry("dev.lexguard.identity.portal.disabled", d -> "A contact's client portal access was disabled"),
            Map.entry("dev.lexguard.identity.portal.passwordResetRequested",
                    d -> "A contact asked to reset their client portal password"),
            Map.entry("dev.lexguard.identity.portal.passwordReset",
                    d -> "A contact reset their client portal password; their portal sessions ended"),
            Map.entry("dev.lexguard.identity.keycloak.connected", d -> "The firm was connected to Keycloak realm "
                    + quote(d, "realm")),
            Map.entry("dev.lexguard.identity.keycloak.disconnected", d -> "The firm was disconnected from Keycloak realm "
                    + quote(d, "realm")),
            Map.entry("dev.lexguard.identity.keycloak.secondFactorTrustChanged", d -> d.path("trusted").asBoolean()
                    ? "The owner let Keycloak realm " + quote(d, "realm") + " stand in for LexGuard's second factor"
                    : "Keycloak realm " + quote(d, "realm") + " no longer stands in for LexGuard's second factor"
                            + paren(d, "reason")),
            Map.entry("dev.lexguard.identity.keycloak.userProvisioned", d -> "A user was provisioned in Keycloak"
                    + paren(d, "action")),
            Map.entry("dev.lexguard.identity.keycloak.groupProvisioned", d -> "A group was provisioned in Keycloak"
                    + paren(d, "action")),
            Map.entry("dev.lexguard.identity.keycloak.provisioningFailed", d -> "Provisioning to Keycloak failed and will be"
                    + " retried" + paren(d, "error")),
            Map.entry("dev.lexguard.identity.keycloak.reconciled", d -> "LexGuard and Keycloak were reconciled"
                    + paren(d, "trigger")),
            Map.entry("dev.lexguard.activity.contact.created", d -> "Contact " + quote(d, "name") + " was added"),
            Map.entry("dev.lexguard.activity.contact.updated", d -> "Contact " + quote(d, "name") + " was changed"),
            Map.entry("dev.lexguard.activity.contact.deleted", d -> "A contact was deleted"),
            Map.entry("dev.lexguard.sharing.share.created", d -> quote(d, "title") + " was shared with a contact" + paren(d, "accessLevel")),
            Map.entry("dev.lexguard.sharing.share.opened", d -> "A contact opened " + quote(d, "title")),
            Map.entry("dev.lexguard.sharing.share.extended", d -> "The share of " + quote(d, "title") + " was extended"),
            Map.entry("dev.lexguard.sharing.share.expiring", d -> "The share of " + quote(d, "title") + " expires soon"),
            Map.entry("dev.lexguard.sharing.share.expired", d -> "The share of " + quote(d, "title") + " expired"),
            Map.entry("dev.lexguard.sharing.share.revoked", d -> "The share of " + quote(d, "title") + " was revoked" + paren(d, "reason")),
            Map.entry("dev.lexguard.sharing.review.due", d -> "The share of " + quote(d, "title") + " is due for review"),
            Map.entry("dev.lexguard.sharing.review.overdue", d -> "The review of the share of " + quote(d, "title") + " is overdue"),
            Map.entry("dev.lexguard.sharing.review.decided", d -> "The share of " + quote(d, "title") + " was reviewed"),
            Map.entry("dev.lexguard.sharing.contact.portalAccessRequested", d -> "Portal access was requested for " + quote(d, "name")),
            Map.entry("dev.lexguard.sharing.policy.changed", d -> "The firm's sharing policy changed"),
            Map.entry("dev.lexguard.feed.retention.changed", d -> "The feed's retention was changed to "
                    + text(d, "retentionDays") + " days (was " + text(d, "previousRetentionDays") + ")"),
            Map.entry("dev.lexguard.feed.retention.purged", d -> text(d, "purged") + " feed entries past the retention were purged"
                    + paren(d, "trigger")),
            Map.entry("dev.lexguard.feed.review.completed", d -> "The firm feed was reviewed up to position " + text(d, "headSeq")
                    + " (" + text(d, "entries") + " entries, " + d.path("flaggedCount").asInt() + " flagged)"),
            Map.entry("dev.lexguard.feed.review.due", d -> "The firm feed's review is due"),
            Map.entry("dev.lexguard.feed.review.overdue", d -> "The firm feed's review is overdue"));

    /** How a changed field is named in a summary, where its JSON name does not say it plainly. */
    private static final Map<String, String> FIELD_LABELS = Map.ofEntries(
            Map.entry("groupIds", "groups"),
            Map.entry("userIds", "users"),
            Map.entry("blockedUserIds", "blocked users"),
            Map.entry("clientContactId", "client"),
            Map.entry("responsibleAttorneyId", "responsible attorney"),
            Map.entry("graceDays", "grace period days"),
            Map.entry("appLockRequired", "app PIN required"),
            Map.entry("maxUnlockAttempts", "PIN attempts"),
            Map.entry("deviceLockRequired", "screen lock required"),
            Map.entry("fullSignInDays", "full sign-in every days"),
            Map.entry("expiryWarningDaysByKind", "expiry warning days"));
    /** A value short and plain enough to quote in a summary (a status, a mode, a display number); never free text or an id. */
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9_.-]{1,30}");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Object types whose own id is not {@code <noun>Id}: the object they are about. */
    private static final Map<String, String> OBJECT_OF = Map.of(
            "matteraccess", "matter",
            "groupmember", "group",
            "groupfilter", "user",
            "accountpermissions", "user",
            "twofactor", "user",
            "password", "user",
            "signin", "user",
            "ownership", "firm",
            "watermark", "user",
            "portal", "contact");

    private EntryFactory() {
    }

    public static boolean knows(String type) {
        return SUMMARIES.containsKey(type);
    }

    public static EntryDraft entry(CloudEvent event) {
        String[] parts = event.type().split("\\.");
        String service = parts.length >= 5 ? parts[2] : "unknown";
        String noun = parts.length >= 5 ? parts[parts.length - 2] : "event";
        String verb = parts.length >= 2 ? parts[parts.length - 1] : event.type();
        JsonNode data = event.data();

        String objectType = OBJECT_OF.getOrDefault(noun, noun).toLowerCase(Locale.ROOT);
        String objectId = firstText(data, objectType + "Id", noun + "Id");
        if (objectId == null && "user".equals(objectType)) {
            objectId = firstText(data, "userId");
        }
        if (objectId == null && "matter".equals(objectType) && event.matterId() != null) {
            objectId = event.matterId().toString();
        }
        if (objectId == null) {
            objectId = event.subject();
        }
        UUID matterId = event.matterId() != null ? event.matterId() : uuid(data, "matterId");
        if (matterId == null && "matter".equals(objectType)) {
            matterId = uuid(objectId);
        }
        UUID activityDescriptionId = uuid(data, "activityDescriptionId");
        String category = category(service, noun);
        Function<JsonNode, String> summary = SUMMARIES.get(event.type());
        return new EntryDraft(event.id(), event.firmId(), event.time(), event.type(), event.source(), category,
                ADMIN_ONLY.contains(category), event.actorId(), event.actorType().name().toLowerCase(Locale.ROOT),
                verb, objectType, objectId, title(data), matterId, activityDescriptionId,
                summary == null ? generic(noun, verb, event.type())
                        // the summary is shown even where the details are redacted: no changes of an activity description's entry
                        : activityDescriptionId == null ? summary.apply(data) + changed(data) : summary.apply(data),
                data.isObject() && data.isEmpty() ? null : data.toString(),
                firstText(data, "clientIp", "ip", "ipAddress"), location(data.get("location")));
    }

    /**
     * For a change event carrying {@code previous} (the old values of the fields it changed): ": " and each changed
     * field, with "old → new" where both values are plain (numbers, yes/no, a status or mode); free text, ids and lists
     * are only named. Nested objects (a value per contact kind) are named per changed key. Empty without
     * {@code previous}.
     */
    static String changed(JsonNode data) {
        JsonNode previous = data.get("previous");
        if (previous == null || !previous.isObject()) {
            return "";
        }
        if (previous.isEmpty()) {
            return " (no field changed)";
        }
        List<String> parts = new ArrayList<>();
        previous.fieldNames().forEachRemaining(field -> {
            JsonNode before = previous.get(field);
            JsonNode after = data.path(field);
            if (before.isObject() && after.isObject()) {
                Set<String> keys = new TreeSet<>();
                before.fieldNames().forEachRemaining(keys::add);
                after.fieldNames().forEachRemaining(keys::add);
                for (String key : keys) {
                    if (!before.path(key).equals(after.path(key))) {
                        parts.add(change(label(field) + " (" + words(key) + ")", field, before.path(key), after.path(key)));
                    }
                }
            } else {
                parts.add(change(label(field), field, before, after));
            }
        });
        return ": " + String.join(", ", parts);
    }

    private static String change(String label, String field, JsonNode before, JsonNode after) {
        String unit = field.replace("ByKind", "").endsWith("Minutes") ? "min" : field.replace("ByKind", "").endsWith("Days") ? "days" : "";
        String labelWithoutUnit = label.replaceFirst(" (minutes|days)(?= \\(|$)", "");
        String old = plain(before, unit);
        String now = plain(after, unit);
        return old == null || now == null ? labelWithoutUnit : labelWithoutUnit + " " + old + " → " + now;
    }

    private static String label(String field) {
        return FIELD_LABELS.getOrDefault(field, words(field));
    }

    private static String plain(JsonNode value, String unit) {
        if (value.isMissingNode()) {
            return null;
        }
        if (value.isNull()) {
            return "min".equals(unit) ? "no limit" : "none";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "yes" : "no";
        }
        if (value.isNumber()) {
            return unit.isEmpty() ? value.asText() : value.asText() + " " + ("days".equals(unit) && value.asInt() == 1 ? "day" : unit);
        }
        if (value.isTextual() && PLAIN_VALUE.matcher(value.asText()).matches() && !UUID_TEXT.matcher(value.asText()).matches()) {
            return value.asText();
        }
        return null;
    }

    static String category(String service, String noun) {
        return switch (service) {
            case "identity" -> "user".equals(noun) || "firm".equals(noun) ? "users" : "security";
            case "sessions", "gateway", "feed" -> "security";
            case "permissions" -> switch (noun) {
                case "matter" -> "matters";
                case "activitydescription" -> "billing";
                default -> "permissions";
            };
            case "sharing" -> "sharing";
            case "activity" -> activityCategory(noun.toLowerCase(Locale.ROOT));
            default -> "other";
        };
    }

    private static String activityCategory(String noun) {
        if (noun.equals("matter")) {
            return "matters";
        }
        for (String billing : new String[] {"bill", "invoice", "payment", "time", "expense", "trust", "rate"}) {
            if (noun.contains(billing)) {
                return "billing";
            }
        }
        return noun.contains("document") || noun.contains("file") ? "documents" : "activity";
    }

    private static String generic(String noun, String verb, String type) {
        String words = words(noun);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + " " + words(verb) + " (event " + type + ")";
    }

    private static String words(String camel) {
        String spaced = camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ');
        return spaced.isBlank() ? "event" : spaced.toLowerCase(Locale.ROOT);
    }

    private static String title(JsonNode data) {
        return firstText(data, "displayNumber", "displayName", "name", "title", "fileName");
    }

    private static String location(JsonNode location) {
        if (location == null || location.isNull() || location.isMissingNode()) {
            return null;
        }
        return location.isTextual() ? location.asText() : location.toString();
    }

    private static String firstText(JsonNode data, String... names) {
        for (String name : names) {
            JsonNode value = data.get(name);
            if (value != null && value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    /** What the sign-in's {@code amr} says was proved, in words; {@code user} is the passkey's own verification. */
    private static final Map<String, String> SIGN_IN_METHODS = Map.of("pwd", "password", "otp", "authenticator app",
            "rec", "recovery code", "hwk", "passkey", "sso", "the firm's single sign-on",
            "mfa", "the single sign-on's second factor");

    static String signInMethods(JsonNode data) {
        List<String> methods = new ArrayList<>();
        boolean password = false;
        // mfa names the single sign-on's second factor only next to sso; after a phone approval (swk, mfa) the
        // sentence names the device that approved instead
        boolean sso = false;
        for (JsonNode amr : data.path("amr")) {
            sso |= "sso".equals(amr.asText());
        }
        for (JsonNode amr : data.path("amr")) {
            String method = SIGN_IN_METHODS.get(amr.asText());
            if (method != null && (sso || !"mfa".equals(amr.asText())) && !methods.contains(method)) {
                methods.add(method);
                password |= "pwd".equals(amr.asText());
            }
        }
        if (methods.isEmpty()) {
            return "";
        }
        String with = " with " + String.join(" and ", methods);
        return methods.contains("passkey") && !password && !methods.contains("the firm's single sign-on")
                ? with + ", without a password" : with;
    }

    private static String quote(JsonNode data, String field) {
        return "'" + data.path(field).asText("?") + "'";
    }

    private static String text(JsonNode data, String field) {
        return data.path(field).asText("?");
    }

    private static String paren(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? "" : " (" + value.asText() + ")";
    }

    private static UUID uuid(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || !value.isTextual() ? null : uuid(value.asText());
    }

    private static UUID uuid(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
