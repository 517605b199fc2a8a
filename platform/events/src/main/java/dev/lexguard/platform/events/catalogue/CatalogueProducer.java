package dev.lexguard.platform.events.catalogue;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Loads the catalogue once per application. */
@Dependent
public class CatalogueProducer {

    @Produces
    @Singleton
    EventCatalogue catalogue() {
        return EventCatalogue.fromClasspath();
    }

    @Produces
    @Singleton
    EventValidator validator(EventCatalogue catalogue) {
        return new EventValidator(catalogue);
    }
}
