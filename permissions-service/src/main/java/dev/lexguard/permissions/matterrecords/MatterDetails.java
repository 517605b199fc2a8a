package dev.lexguard.permissions.matterrecords;

import java.util.UUID;

/** The descriptive fields of a matter, normalised (trimmed, blank optional text as null). */
public record MatterDetails(String displayNumber, String description, UUID clientContactId, UUID responsibleAttorneyId,
        String practiceArea) {
}
