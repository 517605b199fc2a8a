package dev.lexguard.sharing.portal;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ShareOpenRepository implements PanacheRepositoryBase<ShareOpen, Long> {
}
