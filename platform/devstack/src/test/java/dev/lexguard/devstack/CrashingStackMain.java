package dev.lexguard.devstack;

/**
 * A throwaway JVM for the crash tests: starts a private stack, prints its ports and pids, then dies without
 * closing it (Runtime.halt runs no shutdown hooks), or waits to be killed.
 */
public final class CrashingStackMain {

    private CrashingStackMain() {
    }

    public static void main(String[] args) throws Exception {
        DevStack stack = DevStack.start(DevStackOptions.defaults());
        ConnectionSettings s = stack.settings();
        String kafka = s.kafkaBootstrapServers();
        // only this module's own classes are on this JVM's classpath: no Kafka client classes
        System.out.println("STACK " + s.pgPort() + " " + kafka.substring(kafka.lastIndexOf(':') + 1) + " "
                + stack.supervisorPid().orElseThrow() + " " + stack.postgresPid().orElseThrow() + " "
                + stack.kafkaPid().orElseThrow() + " " + stack.dataDir().orElseThrow());
        System.out.flush();
        if (args.length > 0 && args[0].equals("halt")) {
            Runtime.getRuntime().halt(3);
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
