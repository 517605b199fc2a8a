package dev.lexguard.permissions.groups;

import dev.lexguard.permissions.activitydescriptions.ActivityDescriptionService;
import dev.lexguard.permissions.matteraccess.MatterAccessService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Moves a group's place in access lists to another group, inside the deleting transaction. */
@ApplicationScoped
public class GroupReassignment {

    private final MatterAccessService matterAccess;
    private final ActivityDescriptionService descriptions;

    public GroupReassignment(MatterAccessService matterAccess, ActivityDescriptionService descriptions) {
        this.matterAccess = matterAccess;
        this.descriptions = descriptions;
    }

    /** What the reassignment touched. */
    public record Outcome(List<UUID> matterIds, List<UUID> activityDescriptionIds) {
        public static final Outcome NONE = new Outcome(List.of(), List.of());
    }

    public Uni<Outcome> reassign(UUID firmId, UUID actorId, UUID from, UUID to) {
        return matterAccess.reassignGroup(firmId, actorId, from, to)
                .chain(matters -> descriptions.reassignGroup(firmId, actorId, from, to)
                        .map(activityDescriptions -> new Outcome(matters, activityDescriptions)));
    }
}
