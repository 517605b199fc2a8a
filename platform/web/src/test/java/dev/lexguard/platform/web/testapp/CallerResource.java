package dev.lexguard.platform.web.testapp;

import dev.lexguard.platform.web.caller.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

@Path("/test/caller")
@Produces(MediaType.APPLICATION_JSON)
public class CallerResource {

    private final Caller caller;

    public CallerResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    public Map<String, Object> whoAmI() {
        return describe();
    }

    @GET
    @Path("/reactive")
    @Authenticated
    public Uni<Map<String, Object>> whoAmIReactive() {
        return Uni.createFrom().item(this::describe);
    }

    @GET
    @Path("/billing")
    public String billing() {
        caller.requirePermission("billing");
        return "{\"ok\":true}";
    }

    @GET
    @Path("/times")
    public Map<String, Object> times() {
        return Map.of("authTime", caller.authTime().map(Object::toString).orElse("none"),
                "sessionStart", caller.sessionStart().map(Object::toString).orElse("none"));
    }

    @GET
    @Path("/risky")
    public String risky() {
        caller.requireFreshSecondFactor();
        return "{\"ok\":true}";
    }

    @GET
    @Path("/admin")
    @RolesAllowed("administrator")
    public String admin() {
        return "{\"ok\":true}";
    }

    private Map<String, Object> describe() {
        return Map.of(
                "firmId", caller.firmId().toString(),
                "actorId", caller.actorId().toString(),
                "actorType", caller.actorType().name(),
                "sessionId", caller.sessionId().toString(),
                "permissions", List.copyOf(new TreeSet<>(caller.permissions())),
                "amr", List.copyOf(new TreeSet<>(caller.amr())));
    }
}
