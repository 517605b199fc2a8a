package dev.lexguard.platform.web.testapp;

import dev.lexguard.platform.web.caller.Caller;
import dev.lexguard.platform.web.paging.CursorCodec;
import dev.lexguard.platform.web.paging.Page;
import dev.lexguard.platform.web.paging.PageRequest;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** A keyset-paged list, the way a service writes one (an in-memory table stands in for the query). */
@Path("/test/matters")
@Produces(MediaType.APPLICATION_JSON)
public class MatterResource {

    static final List<String> MATTERS = IntStream.rangeClosed(1, 7).mapToObj(i -> "matter-" + i).toList();

    private final Caller caller;
    private final CursorCodec cursors;

    public MatterResource(Caller caller, CursorCodec cursors) {
        this.caller = caller;
        this.cursors = cursors;
    }

    @GET
    public Page<String> list(@Valid @BeanParam PageRequest page) {
        String after = cursors.position(caller.firmId(), page).map(p -> p.get("name")).orElse("");
        // the query: WHERE firm_id = ? AND name > ? ORDER BY name LIMIT limit + 1
        List<String> rows = MATTERS.stream().filter(name -> name.compareTo(after) > 0).limit(page.limit() + 1L)
                .toList();
        return cursors.page(caller.firmId(), rows, page.limit(), name -> Map.of("name", name));
    }
}
