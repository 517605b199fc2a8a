package dev.lexguard.deploy;

import dev.lexguard.devstack.KafkaAccess;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One allowed operation of one principal on one Kafka resource pattern, in the words Strimzi's KafkaUser and
 * {@code kafka-acls.sh} share (lower case; a prefix pattern is {@code prefixed} whichever spelling the source used),
 * so that the manifests' ACLs compare with the access matrix as plain sets.
 */
record KafkaGrant(String principal, String operation, String resourceType, String patternType, String resource)
        implements Comparable<KafkaGrant> {

    KafkaGrant {
        operation = operation.toLowerCase(Locale.ROOT);
        resourceType = resourceType.toLowerCase(Locale.ROOT);
        patternType = "prefix".equalsIgnoreCase(patternType) ? "prefixed" : patternType.toLowerCase(Locale.ROOT);
    }

    /**
     * What the access matrix lets a principal do: write and describe the topics it writes, read and describe the
     * topics it reads, and, if it reads at all, read and describe the consumer groups named with its prefix.
     */
    static Set<KafkaGrant> ofMatrix(KafkaAccess.Principal principal) {
        Set<KafkaGrant> grants = new TreeSet<>();
        for (String topic : principal.writes()) {
            grants.add(new KafkaGrant(principal.name(), "write", "topic", "literal", topic));
            grants.add(new KafkaGrant(principal.name(), "describe", "topic", "literal", topic));
        }
        for (String topic : principal.reads()) {
            grants.add(new KafkaGrant(principal.name(), "read", "topic", "literal", topic));
            grants.add(new KafkaGrant(principal.name(), "describe", "topic", "literal", topic));
        }
        if (!principal.reads().isEmpty()) {
            grants.add(new KafkaGrant(principal.name(), "read", "group", "prefixed", principal.groupPrefix()));
            grants.add(new KafkaGrant(principal.name(), "describe", "group", "prefixed", principal.groupPrefix()));
        }
        return grants;
    }

    /** The whole matrix: every principal's grants. */
    static Set<KafkaGrant> ofMatrix() {
        Set<KafkaGrant> grants = new TreeSet<>();
        KafkaAccess.PRINCIPALS.forEach(principal -> grants.addAll(ofMatrix(principal)));
        return grants;
    }

    boolean wildcard() {
        return "*".equals(resource) || resource.isEmpty();
    }

    @Override
    public int compareTo(KafkaGrant other) {
        return toString().compareTo(other.toString());
    }
}
