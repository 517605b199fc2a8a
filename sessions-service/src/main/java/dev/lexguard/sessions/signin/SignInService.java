package dev.lexguard.sessions.signin;

import dev.lexguard.sessions.ListFilter;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SignInService {

    private final SignInRepository signIns;

    public SignInService(SignInRepository signIns) {
        this.signIns = signIns;
    }

    @WithSession
    public Uni<List<SignInResponse>> page(UUID firmId, ListFilter filter, SignInRepository.Position after, int rows) {
        return signIns.page(firmId, filter, after, rows).map(list -> list.stream().map(SignInResponse::of).toList());
    }
}
