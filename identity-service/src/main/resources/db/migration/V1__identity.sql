-- Firms (tenants) and their users. Every firm-owned row carries firm_id.
create table firm (
    id          uuid primary key,
    name        text not null,
    created_at  timestamptz not null
);

create table app_user (
    id               uuid primary key,
    firm_id          uuid not null references firm (id),
    email            text not null,
    display_name     text not null,
    status           text not null check (status in ('invited', 'active', 'deactivated')),
    owner            boolean not null default false,
    password_hash    text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    deactivated_at   timestamptz
);
-- Email is unique across firms: one sign-in identity per address.
create unique index app_user_email_key on app_user (email);
create index app_user_firm_email on app_user (firm_id, email);

-- Single-use tokens (invitations, password resets). Only a SHA-256 of the token is kept; the token is
-- minted when the mailer fetches the link (see README, "Links sent by mail"), so it exists in no event.
create table invitation (
    id           uuid primary key,
    firm_id      uuid not null references firm (id),
    user_id      uuid not null references app_user (id),
    invited_by   uuid not null references app_user (id),
    token_hash   bytea unique,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    link_issued_at timestamptz,
    accepted_at  timestamptz,
    revoked_at   timestamptz
);
create index invitation_user on invitation (user_id);

create table password_reset (
    id           uuid primary key,
    firm_id      uuid not null references firm (id),
    user_id      uuid not null references app_user (id),
    token_hash   bytea unique,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    link_issued_at timestamptz,
    used_at      timestamptz
);
create index password_reset_user on password_reset (user_id);

-- Sign-in sessions and their rotating refresh tokens (hashes only). A token with used_at set has been
-- rotated away; presenting it again ends the session.
create table session (
    id             uuid primary key,
    firm_id        uuid not null references firm (id),
    user_id        uuid not null references app_user (id),
    amr            text not null,
    client_ip      text,
    user_agent     text,
    created_at     timestamptz not null,
    refreshed_at   timestamptz,
    expires_at     timestamptz not null,
    ended_at       timestamptz,
    end_reason     text
);
create index session_user_open on session (user_id) where ended_at is null;

create table refresh_token (
    token_hash   bytea primary key,
    session_id   uuid not null references session (id),
    firm_id      uuid not null,
    issued_at    timestamptz not null,
    used_at      timestamptz
);
create index refresh_token_session on refresh_token (session_id);

-- Failed sign-in counters per account (normalised email, known or not: no enumeration) and per client IP.
create table signin_throttle (
    throttle_key     text primary key,
    failures         integer not null,
    last_failure_at  timestamptz not null
);

-- A password that was right, for a user with a second factor: the single-use, short-lived challenge the
-- client redeems with a code (SHA-256 of the token only). Five wrong codes burn it.
create table signin_challenge (
    id               uuid primary key,
    firm_id          uuid not null references firm (id),
    user_id          uuid not null references app_user (id),
    token_hash       bytea not null unique,
    client_ip        text,
    user_agent       text,
    created_at       timestamptz not null,
    expires_at       timestamptz not null,
    failed_attempts  integer not null default 0,
    used_at          timestamptz
);
create index signin_challenge_user on signin_challenge (user_id);
