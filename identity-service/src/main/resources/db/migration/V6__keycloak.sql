-- Keycloak (issue 10): a firm's realm, what LexGuard created there, the provisioning queue and SSO requests.

-- One realm per firm. Both client secrets are sealed like TOTP secrets (SecretBox, AES-256-GCM, bound to the firm).
create table keycloak_connection (
    firm_id                      uuid primary key,
    server_url                   text        not null,
    realm                        text        not null,
    admin_client_id              text        not null,
    admin_client_secret_sealed   text        not null,
    signin_client_id             text        not null,
    signin_client_uuid           text        not null,
    signin_client_secret_sealed  text        not null,
    root_group_id                text        not null,
    connected_by                 uuid        not null,
    connected_at                 timestamptz not null,
    updated_at                   timestamptz not null,
    last_reconciled_at           timestamptz
);

-- A LexGuard user's Keycloak account, learnt when it was created (or found by user name) there.
create table keycloak_user_link (
    user_id           uuid primary key,
    firm_id           uuid        not null,
    keycloak_user_id  text        not null,
    linked_at         timestamptz not null,
    unique (firm_id, keycloak_user_id)
);

-- A LexGuard group's Keycloak group (a subgroup of the connection's root group).
create table keycloak_group_link (
    firm_id            uuid        not null,
    group_id           uuid        not null,
    keycloak_group_id  text        not null,
    linked_at          timestamptz not null,
    primary key (firm_id, group_id)
);

-- The durable provisioning queue: "make this user's Keycloak account match LexGuard". Jobs are inserted by the
-- triggers below in the transaction that changed the user or the membership, worked FOR UPDATE SKIP LOCKED with a
-- lease and exponential backoff, and done only if no newer cause arrived meanwhile (generation).
create table keycloak_job (
    id               bigint generated always as identity primary key,
    firm_id          uuid        not null,
    user_id          uuid        not null,
    cause            text        not null,
    generation       integer     not null default 1,
    created_at       timestamptz not null default now(),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null default now(),
    last_error       text,
    done_at          timestamptz
);
create unique index keycloak_job_pending_user on keycloak_job (firm_id, user_id) where done_at is null;
create index keycloak_job_due on keycloak_job (next_attempt_at) where done_at is null;
create index keycloak_job_done on keycloak_job (done_at) where done_at is not null;

create function keycloak_enqueue(job_firm uuid, job_user uuid, job_cause text) returns void
    language plpgsql as
$$
begin
    if exists (select 1 from keycloak_connection where firm_id = job_firm) then
        insert into keycloak_job (firm_id, user_id, cause)
        values (job_firm, job_user, job_cause)
        on conflict (firm_id, user_id) where done_at is null
            do update set cause = excluded.cause,
                          generation = keycloak_job.generation + 1,
                          next_attempt_at = least(keycloak_job.next_attempt_at, now());
    end if;
end
$$;

-- Every user event identity publishes (created, invited, activated, deactivated, and any later user.* type) is a
-- cause: the job re-reads the user, so the event's content does not matter. The event row and the job commit
-- together, whichever code path wrote the event.
create function keycloak_enqueue_user_event() returns trigger
    language plpgsql as
$$
begin
    perform keycloak_enqueue(new.firm_id, cast(new.subject as uuid), new.event_type);
    return null;
end
$$;

create trigger keycloak_enqueue_user_event
    after insert on lexguard_outbox
    for each row
    when (new.event_type like 'dev.lexguard.identity.user.%')
execute function keycloak_enqueue_user_event();

-- Group membership comes from permissions-service's events through the projection; each change is a cause.
create function keycloak_enqueue_group_member() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'DELETE' then
        perform keycloak_enqueue(old.firm_id, old.user_id, 'group_member.removed');
    else
        perform keycloak_enqueue(new.firm_id, new.user_id, 'group_member.added');
    end if;
    return null;
end
$$;

create trigger keycloak_enqueue_group_member
    after insert or delete on group_member
    for each row
execute function keycloak_enqueue_group_member();

-- An SSO sign-in in flight: the state's hash (the state itself is only in the browser), the PKCE verifier sealed,
-- the nonce the ID token must carry. Single use, five minutes.
create table sso_request (
    id                     uuid primary key,
    state_hash             bytea       not null unique,
    firm_id                uuid        not null,
    nonce                  text        not null,
    code_verifier_sealed   text        not null,
    client_ip              text,
    user_agent             text,
    created_at             timestamptz not null,
    expires_at             timestamptz not null,
    used_at                timestamptz
);
create index sso_request_expiry on sso_request (expires_at);

-- The first factor a second-factor challenge follows: pwd (password) or sso (the firm's Keycloak).
alter table signin_challenge add column first_factor text not null default 'pwd';
