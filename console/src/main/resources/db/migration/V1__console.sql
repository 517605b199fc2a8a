-- A browser's session with the console. The browser holds only a random cookie value; this table keeps its SHA-256
-- (a copy of the table does not sign anyone in) next to the tokens identity-service issued, which never leave the
-- server. A row starts anonymous (the sign-in form's CSRF token), holds the two-factor challenge between the two
-- sign-in steps, and is replaced by a new row (a new cookie value) once the person is signed in.
create table console_session (
    id                  text        primary key,
    csrf_token          text        not null,
    challenge_token     text,
    access_token        text,
    access_expires_at   timestamptz,
    refresh_token       text,
    identity_session_id uuid,
    created_at          timestamptz not null,
    last_seen_at        timestamptz not null,
    expires_at          timestamptz not null
);

create index console_session_expires on console_session (expires_at);
