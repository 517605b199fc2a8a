package dev.lexguard.platform.events.testapp;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class WidgetRepository implements PanacheRepositoryBase<Widget, UUID> {
}
