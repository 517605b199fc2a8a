-- Mobile devices: registered after a full sign-in, holding a device-bound credential (SHA-256 only) and an app PIN
-- (Argon2id PHC string). A wiped or signed-out device has no credential any more.
create table device (
    id               uuid primary key,
    firm_id          uuid not null references firm (id),
    user_id          uuid not null references app_user (id),
    name             text not null,
    platform         text not null check (platform in ('ios', 'android')),
    app_version      text not null,
    credential_hash  bytea unique,
    pin_hash         text,
    pin_failures     integer not null default 0,
    status           text not null check (status in ('active', 'wiped', 'signed_out')),
    registered_at    timestamptz not null,
    -- the last full sign-in (password, and the second factor when the user has one) on this device
    full_sign_in_at  timestamptz not null,
    last_unlocked_at timestamptz,
    ended_at         timestamptz
);
create index device_user on device (firm_id, user_id, registered_at, id);
create index device_firm on device (firm_id, registered_at, id);

create table device_policy (
    firm_id              uuid primary key references firm (id),
    pin_required         boolean not null,
    max_pin_attempts     integer not null check (max_pin_attempts between 3 and 10),
    full_sign_in_days    integer not null check (full_sign_in_days between 1 and 365),
    updated_at           timestamptz not null
);

alter table session add column device_id uuid references device (id);
create index session_device_open on session (device_id) where ended_at is null;
create index session_firm_open on session (firm_id, created_at) where ended_at is null;

-- Revocation watermarks from sessions-service: every session of the user (or of the whole firm, user_id null)
-- that started before revoked_before is dead, except except_session_id. A refresh checks them under the session's
-- row lock, so a watermark that commits while a refresh is in flight still stops the next one.
create table session_watermark (
    id                 uuid primary key,
    firm_id            uuid not null,
    user_id            uuid,
    revoked_before     timestamptz not null,
    except_session_id  uuid,
    created_at         timestamptz not null
);
create index session_watermark_firm on session_watermark (firm_id, user_id);

-- "Not me" (session.disowned): the next sign-in needs a password reset first.
alter table app_user add column password_reset_required boolean not null default false;

-- Projection of permissions-service: account permissions per user, once the firm's first event has arrived
-- (until then the owner is administrator), and group membership for the two-factor policy.
create table permissions_feed (
    firm_id     uuid primary key,
    started_at  timestamptz not null
);

create table account_permission (
    user_id      uuid primary key,
    firm_id      uuid not null,
    permissions  text not null,
    updated_at   timestamptz not null
);
create index account_permission_firm on account_permission (firm_id);

create table group_member (
    group_id  uuid not null,
    user_id   uuid not null,
    firm_id   uuid not null,
    added_at  timestamptz not null,
    primary key (group_id, user_id)
);
create index group_member_user on group_member (firm_id, user_id);

-- Two-factor required only of these groups' members (none: everyone).
alter table two_factor_policy add column group_ids text not null default '';
