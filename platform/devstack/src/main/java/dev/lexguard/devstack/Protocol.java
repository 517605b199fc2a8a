package dev.lexguard.devstack;

/** The line protocol between a launching JVM and the devstack supervisor (stdin commands, stdout answers). */
final class Protocol {

    static final String READY = "LEXGUARD_DEVSTACK_READY ";
    static final String FAILED = "LEXGUARD_DEVSTACK_FAILED ";
    static final String ACK = "LEXGUARD_DEVSTACK_ACK ";
    static final String ERROR = "LEXGUARD_DEVSTACK_ERROR ";
    static final String STOPPED = "LEXGUARD_DEVSTACK_STOPPED";

    static final String CMD_KAFKA_STOP = "kafka-stop";
    static final String CMD_KAFKA_START = "kafka-start";
    static final String CMD_STOP = "stop";

    static final String PG_USER = "postgres";
    static final String PG_PASSWORD = "postgres";
    static final String HOST = "127.0.0.1";

    private Protocol() {
    }

    static boolean isProtocolLine(String line) {
        return line.startsWith(READY) || line.startsWith(FAILED) || line.startsWith(ACK) || line.startsWith(ERROR)
                || line.startsWith(STOPPED);
    }
}
