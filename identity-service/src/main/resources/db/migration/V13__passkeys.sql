-- Passkeys (issue 18): WebAuthn credentials of firm users, as a second factor and for step-up.
-- The user handle an authenticator stores is a random per-user id, never the email or the user id.
create table passkey_user (
    user_id      uuid primary key references app_user (id),
    firm_id      uuid not null references firm (id),
    user_handle  bytea not null unique
);

-- public_key is the credential's COSE key as the authenticator gave it; sign_count is the last counter seen, and a
-- counter that does not grow (both non-zero) marks the credential suspect: it is refused from then on.
create table passkey (
    id             uuid primary key,
    firm_id        uuid not null references firm (id),
    user_id        uuid not null references app_user (id),
    credential_id  bytea not null unique,
    public_key     bytea not null,
    algorithm      integer not null,
    sign_count     bigint not null,
    transports     text not null default '',
    aaguid         uuid not null,
    name           text not null,
    created_at     timestamptz not null,
    last_used_at   timestamptz,
    suspect_at     timestamptz
);
create index passkey_owner on passkey (firm_id, user_id);

-- A challenge handed out in creation or request options: single use, short-lived, bound to what it was for (the
-- sign-in challenge after the password, the session stepping up, or the user registering). A passwordless sign-in's
-- challenge belongs to nobody yet: the discoverable credential names the user.
create table passkey_challenge (
    id          uuid primary key,
    firm_id     uuid references firm (id),
    user_id     uuid references app_user (id),
    purpose     text not null check (purpose in ('registration', 'sign_in', 'step_up', 'passwordless')),
    binding_id  uuid,
    challenge   bytea not null unique,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index passkey_challenge_user on passkey_challenge (user_id, purpose);

-- A firm's passkey settings: passwordless sign-in with a discoverable passkey is off until an administrator allows it.
create table passkey_policy (
    firm_id       uuid primary key references firm (id),
    passwordless  boolean not null,
    updated_at    timestamptz not null
);
