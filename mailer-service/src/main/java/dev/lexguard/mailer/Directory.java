package dev.lexguard.mailer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The firms and people mail goes to, projected from identity-service's events (in the consumer's transaction). */
@ApplicationScoped
public class Directory {

    /** A person's address and name. */
    public record Recipient(UUID id, String kind, String email, String displayName) {
    }

    static final String UPSERT_FIRM = """
            insert into mail_firm (id, name) values (:id, :name) on conflict (id) do update set name = excluded.name""";
    static final String UPSERT_RECIPIENT = """
            insert into recipient (firm_id, id, kind, email, display_name) values (:firm, :id, :kind, :email, :name)
            on conflict (firm_id, id) do update set email = excluded.email,
                display_name = coalesce(excluded.display_name, recipient.display_name)""";
    static final String FIND_RECIPIENT = """
            select cast(id as text), kind, email, display_name from recipient where firm_id = :firm and id = :id""";
    static final String FIRM_NAME = "select name from mail_firm where id = :id";

    public Uni<Void> firm(UUID firmId, String name) {
        return Panache.getSession().chain(session -> session.createNativeQuery(UPSERT_FIRM)
                .setParameter("id", firmId).setParameter("name", name).executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> person(UUID firmId, UUID id, String kind, String email, String displayName) {
        return Panache.getSession().chain(session -> session.createNativeQuery(UPSERT_RECIPIENT)
                .setParameter("firm", firmId).setParameter("id", id).setParameter("kind", kind)
                .setParameter("email", email).setParameter("name", displayName).executeUpdate()).replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    public Uni<Optional<Recipient>> recipient(UUID firmId, UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(FIND_RECIPIENT)
                .setParameter("firm", firmId).setParameter("id", id).getResultList())
                .map(rows -> ((List<Object[]>) (List<?>) rows).stream().findFirst().map(row -> new Recipient(
                        UUID.fromString((String) row[0]), (String) row[1], (String) row[2], (String) row[3])));
    }

    /** The firm's name, or "your firm" before identity's firm.created has been read. */
    @SuppressWarnings("unchecked")
    public Uni<String> firmName(UUID firmId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(FIRM_NAME).setParameter("id", firmId)
                .getResultList()).map(rows -> ((List<Object>) (List<?>) rows).stream().findFirst()
                        .map(Object::toString).orElse("your firm"));
    }
}
