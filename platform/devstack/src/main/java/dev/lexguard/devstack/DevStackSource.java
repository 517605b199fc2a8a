package dev.lexguard.devstack;

/** Where a test's PostgreSQL and Kafka come from, in the order {@link DevStackResource} tries them. */
public enum DevStackSource {
    /** LEXGUARD_PG_URL, LEXGUARD_PG_USER, LEXGUARD_PG_PASSWORD and LEXGUARD_KAFKA_BOOTSTRAP_SERVERS. */
    ENVIRONMENT,
    /** A devstack started from the command line, found through its state file. */
    STATE_FILE,
    /** A stack started for this JVM (or, with isolated=true, for one test resource). */
    PRIVATE
}
