package dev.lexguard.platform.web.caller;

/** Who holds the token: a firm's user, or a portal contact (client, co-counsel). */
public enum ActorType {
    USER,
    CONTACT
}
