package dev.lexguard.feed.reading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexguard.permissions.rules.AccessFacts;
import dev.lexguard.permissions.rules.GroupRef;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The feed decides visibility in SQL ({@link FeedQueries#maySeeMatter}, whose hidden set every page, stream and
 * export uses); permissions-service and sharing-service decide it with the access rule in Java
 * ({@link AccessFacts#decide()}). Random firms (users active or deactivated, administrators, groups and memberships,
 * matters registered or not, everyone or restricted, access lists naming users and groups, blocks) are written into
 * the feed's projection tables and every (user, matter) pair is asked of both: the answers must be the same. The seed
 * is printed with any disagreement; {@code -Dlexguard.rules.seed=N} replays it.
 */
@QuarkusTest
class AccessRuleAgreementTest {

    private static final int FIRMS = 30;

    @Inject
    FeedQueries queries;

    @Inject
    Pool pool;

    record User(UUID id, boolean active, boolean administrator, Set<UUID> groups) {
    }

    record Matter(UUID id, boolean registered, String mode, Set<UUID> users, Set<UUID> groups, Set<UUID> blocked) {
    }

    record Firm(UUID id, List<User> users, List<Matter> matters) {
    }

    @Test
    void theFeedsSqlAnswersEveryUserAndMatterAsTheAccessRuleDoes() {
        long seed = Long.getLong("lexguard.rules.seed", System.nanoTime());
        Random random = new Random(seed);
        List<Firm> firms = new ArrayList<>();
        for (int i = 0; i < FIRMS; i++) {
            Firm firm = firm(random);
            write(firm);
            firms.add(firm);
        }
        List<String> disagreements = new ArrayList<>();
        int pairs = 0;
        int allowed = 0;
        for (int i = 0; i < firms.size(); i++) {
            Firm firm = firms.get(i);
            Firm other = firms.get((i + 1) % firms.size());
            for (User user : firm.users()) {
                Reader reader = queries.reader(firm.id(), user.id()).await().indefinitely();
                for (Matter matter : firm.matters()) {
                    AccessFacts facts = facts(user, matter);
                    boolean rule = facts.decide().allowed();
                    boolean sql = queries.maySeeMatter(reader, matter.id()).await().indefinitely();
                    pairs++;
                    allowed += rule ? 1 : 0;
                    if (rule != sql) {
                        disagreements.add("firm " + i + " " + facts + " -> rule " + facts.decide().reason() + ", SQL " + sql);
                    }
                }
                // another firm's matter is one this firm does not have
                Matter foreign = other.matters().get(0);
                boolean rule = AccessFacts.unknownMatter(true).decide().allowed();
                if (rule != queries.maySeeMatter(reader, foreign.id()).await().indefinitely()) {
                    disagreements.add("firm " + i + ": another firm's matter " + foreign);
                }
            }
            // and another firm's user is one this firm does not know
            User stranger = other.users().get(0);
            Reader reader = queries.reader(firm.id(), stranger.id()).await().indefinitely();
            for (Matter matter : firm.matters()) {
                AccessFacts facts = new AccessFacts(false, true, false, matter.registered() ? matter.mode() : null, false, false, false,
                        List.of());
                if (facts.decide().allowed() != queries.maySeeMatter(reader, matter.id()).await().indefinitely()) {
                    disagreements.add("firm " + i + ": another firm's user " + stranger + " on " + matter);
                }
            }
        }
        assertThat(disagreements).as("seed " + seed + " (replay with -Dlexguard.rules.seed=" + seed + ")").isEmpty();
        // the generated firms exercise both answers, not one trivially
        assertThat(pairs).as("seed " + seed).isGreaterThan(100);
        assertThat(allowed).as("seed " + seed).isBetween(1, pairs - 1);
    }

    private static AccessFacts facts(User user, Matter matter) {
        List<GroupRef> through = user.groups().stream().filter(matter.groups()::contains).sorted()
                .map(group -> new GroupRef(group, null)).toList();
        return new AccessFacts(true, true, user.active(), matter.registered() ? matter.mode() : null,
                matter.blocked().contains(user.id()), user.administrator(), matter.users().contains(user.id()), through);
    }

    private static Firm firm(Random random) {
        List<UUID> groups = new ArrayList<>();
        for (int g = random.nextInt(5); g > 0; g--) {
            groups.add(UUID.randomUUID());
        }
        List<User> users = new ArrayList<>();
        for (int u = 1 + random.nextInt(12); u > 0; u--) {
            Set<UUID> memberOf = new HashSet<>();
            for (UUID group : groups) {
                if (random.nextInt(3) == 0) {
                    memberOf.add(group);
                }
            }
            users.add(new User(UUID.randomUUID(), random.nextInt(6) > 0, random.nextInt(5) == 0, memberOf));
        }
        List<Matter> matters = new ArrayList<>();
        for (int m = 1 + random.nextInt(10); m > 0; m--) {
            Set<UUID> named = new HashSet<>();
            Set<UUID> blocked = new HashSet<>();
            Set<UUID> listedGroups = new HashSet<>();
            for (User user : users) {
                if (random.nextInt(5) == 0) {
                    named.add(user.id());
                }
                if (random.nextInt(7) == 0) {
                    blocked.add(user.id());
                }
            }
            for (UUID group : groups) {
                if (random.nextInt(3) == 0) {
                    listedGroups.add(group);
                }
            }
            matters.add(new Matter(UUID.randomUUID(), random.nextInt(8) > 0, random.nextBoolean() ? "everyone" : "restricted", named,
                    listedGroups, blocked));
        }
        return new Firm(UUID.randomUUID(), users, matters);
    }

    /** The rows permissions-service's and identity's events leave in the feed's projection for this firm. */
    private void write(Firm firm) {
        List<Tuple> users = new ArrayList<>();
        List<Tuple> members = new ArrayList<>();
        for (User user : firm.users()) {
            users.add(Tuple.of(firm.id(), user.id(), "User " + user.id(), user.active() ? "active" : "deactivated", user.administrator()));
            for (UUID group : user.groups()) {
                members.add(Tuple.of(firm.id(), group, user.id()));
            }
        }
        List<Tuple> matters = new ArrayList<>();
        List<Tuple> entries = new ArrayList<>();
        for (Matter matter : firm.matters()) {
            matters.add(Tuple.of(firm.id(), matter.id(), matter.registered(), matter.mode()));
            matter.users().forEach(user -> entries.add(Tuple.of(firm.id(), matter.id(), "user", user)));
            matter.groups().forEach(group -> entries.add(Tuple.of(firm.id(), matter.id(), "group", group)));
            matter.blocked().forEach(user -> entries.add(Tuple.of(firm.id(), matter.id(), "block", user)));
        }
        batch("insert into feed_user (firm_id, id, display_name, status, administrator) values ($1, $2, $3, $4, $5)", users);
        batch("insert into feed_matter (firm_id, id, registered, mode) values ($1, $2, $3, $4)", matters);
        batch("insert into feed_matter_access (firm_id, matter_id, kind, principal_id) values ($1, $2, $3, $4)", entries);
        batch("insert into feed_group_member (firm_id, group_id, user_id) values ($1, $2, $3)", members);
    }

    private void batch(String statement, List<Tuple> rows) {
        if (!rows.isEmpty()) {
            pool.preparedQuery(statement).executeBatch(rows).await().indefinitely();
        }
    }
}
