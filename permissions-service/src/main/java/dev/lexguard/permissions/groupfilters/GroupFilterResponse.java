package dev.lexguard.permissions.groupfilters;

import java.util.List;

/** The caller's default group filter: mine first, then group ids; empty when none is saved. */
public record GroupFilterResponse(List<String> groups) {

    static GroupFilterResponse of(GroupFilter filter) {
        return new GroupFilterResponse(filter.entries());
    }
}
