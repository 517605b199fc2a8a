package dev.lexguard.platform.events.testapp;

import java.util.UUID;

/** Data of {@code dev.lexguard.test.widget.created}. */
public record WidgetCreated(UUID widgetId, String name, int sequence) {
}
