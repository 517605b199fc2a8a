package dev.lexguard.permissions.groupfilters;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A saved default group filter: group ids and/or mine; an empty list removes the default. */
public record GroupFilterRequest(@NotNull @Size(max = GroupFilter.MAX_ENTRIES) List<String> groups) {
}
