package dev.lexguard.devstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Brings a devstack broker's topics, SCRAM users and ACLs to what {@link KafkaAccess} says, as the administrator:
 * every principal's credentials exist, its ACLs are exactly the matrix's (extra ones of these principals are deleted),
 * and every topic exists. Safe to repeat. Tests of a library that is not a LexGuard service grant themselves a
 * principal of their own with {@link #grant}.
 */
public final class KafkaAdmin {

    private static final int PARTITIONS = 3;
    private static final long TIMEOUT_SECONDS = 30;

    private KafkaAdmin() {
    }

    /** Admin client settings as the devstack's super user. */
    static Map<String, Object> adminConfig(String bootstrapServers, KafkaCredentials credentials) {
        Map<String, Object> config = credentials.clientConfig(bootstrapServers, KafkaAccess.ADMIN);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        return config;
    }

    /** Users, topics and ACLs of every principal of the matrix. */
    static void converge(String bootstrapServers, KafkaCredentials credentials) {
        try (Admin admin = Admin.create(adminConfig(bootstrapServers, credentials))) {
            upsertUsers(admin, credentials, KafkaAccess.PRINCIPALS.stream().map(KafkaAccess.Principal::name).toList());
            createTopics(admin, KafkaAccess.topics());
            for (KafkaAccess.Principal principal : KafkaAccess.PRINCIPALS) {
                applyAcls(admin, principal);
            }
        }
    }

    /**
     * Creates (or updates) a principal that is not LexGuard's own, for a library's tests, with the topics and group
     * prefix it names; its password is {@link KafkaCredentials#password(String)} of that name.
     */
    public static void grant(ConnectionSettings settings, KafkaAccess.Principal principal) {
        if (KafkaAccess.principal(principal.name()).isPresent() || KafkaAccess.ADMIN.equals(principal.name())) {
            throw new IllegalArgumentException(principal.name() + " is one of LexGuard's own principals; its access is fixed");
        }
        KafkaCredentials credentials = settings.kafkaCredentials();
        try (Admin admin = Admin.create(adminConfig(settings.kafkaBootstrapServers(), credentials))) {
            upsertUsers(admin, credentials, List.of(principal.name()));
            List<String> topics = new ArrayList<>(principal.writes());
            topics.addAll(principal.reads());
            createTopics(admin, topics.stream().distinct().toList());
            applyAcls(admin, principal);
        }
    }

    /** The ACLs the matrix gives a principal. */
    public static Set<AclBinding> bindings(KafkaAccess.Principal principal) {
        String user = "User:" + principal.name();
        Set<AclBinding> bindings = new HashSet<>();
        for (String topic : principal.writes()) {
            ResourcePattern resource = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
            bindings.add(allow(resource, user, AclOperation.WRITE));
            bindings.add(allow(resource, user, AclOperation.DESCRIBE));
        }
        for (String topic : principal.reads()) {
            ResourcePattern resource = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
            bindings.add(allow(resource, user, AclOperation.READ));
            bindings.add(allow(resource, user, AclOperation.DESCRIBE));
        }
        if (!principal.reads().isEmpty()) {
            ResourcePattern groups = new ResourcePattern(ResourceType.GROUP, principal.groupPrefix(), PatternType.PREFIXED);
            bindings.add(allow(groups, user, AclOperation.READ));
            bindings.add(allow(groups, user, AclOperation.DESCRIBE));
        }
        return bindings;
    }

    private static AclBinding allow(ResourcePattern resource, String user, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry(user, "*", operation, AclPermissionType.ALLOW));
    }

    private static void upsertUsers(Admin admin, KafkaCredentials credentials, Collection<String> names) {
        ScramCredentialInfo info = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096);
        await(admin.alterUserScramCredentials(names.stream()
                .<UserScramCredentialAlteration>map(name -> new UserScramCredentialUpsertion(name, info, credentials.password(name)))
                .toList()).all(), "creating SCRAM users");
        // as with ACLs, the broker learns the credentials from the metadata log a moment after the controller commits
        awaitBroker("the SCRAM users " + names, () -> {
            try {
                return admin.describeUserScramCredentials(List.copyOf(names)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size()
                        == names.size();
            } catch (ExecutionException e) {
                return false;
            }
        });
    }

    private static void createTopics(Admin admin, List<String> topics) {
        List<NewTopic> wanted = topics.stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList();
        admin.createTopics(wanted).values().forEach((topic, created) -> {
            try {
                created.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + topic + ": " + e.getCause().getMessage(), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating " + topic, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("creating topic " + topic + " took longer than " + TIMEOUT_SECONDS + " s", e);
            }
        });
    }

    private static void applyAcls(Admin admin, KafkaAccess.Principal principal) {
        Set<AclBinding> wanted = bindings(principal);
        AclBindingFilter ofPrincipal = new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter("User:" + principal.name(), null, AclOperation.ANY, AclPermissionType.ANY));
        Collection<AclBinding> existing = await(admin.describeAcls(ofPrincipal).values(), "reading ACLs");
        List<AclBindingFilter> stale = existing.stream().filter(b -> !wanted.contains(b)).map(AclBinding::toFilter)
                .collect(Collectors.toList());
        if (!stale.isEmpty()) {
            await(admin.deleteAcls(stale).all(), "deleting stale ACLs");
        }
        List<AclBinding> missing = wanted.stream().filter(b -> !existing.contains(b)).toList();
        if (!missing.isEmpty()) {
            await(admin.createAcls(missing).all(), "creating ACLs");
        }
        if (!stale.isEmpty() || !missing.isEmpty()) {
            awaitApplied(admin, ofPrincipal, wanted, principal.name());
        }
    }

    /**
     * The controller has committed the change when createAcls/deleteAcls answer; the broker's authorizer applies it
     * from the metadata log a moment later. Ready means the broker answers with exactly the wanted ACLs.
     */
    private static void awaitApplied(Admin admin, AclBindingFilter ofPrincipal, Set<AclBinding> wanted, String principal) {
        awaitBroker(principal + "'s ACLs",
                () -> new HashSet<>(await(admin.describeAcls(ofPrincipal).values(), "reading ACLs")).equals(wanted));
    }

    /** A change the controller committed, until the broker shows it. */
    private static void awaitBroker(String what, Check applied) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        try {
            while (!applied.holds()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not apply " + what + " within " + TIMEOUT_SECONDS + " s");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("reading " + what + " took longer than " + TIMEOUT_SECONDS + " s", e);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws InterruptedException, TimeoutException;
    }

    private static <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " took longer than " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
