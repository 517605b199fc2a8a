-- Projections that decide visibility, fed by lexguard.identity.events and lexguard.permissions.events.

-- Firm users: display names (identity), status (identity), administrator (permissions' effective set).
create table feed_user (
    firm_id        uuid    not null,
    id             uuid    not null,
    display_name   text    not null,
    status         text    not null check (status in ('invited', 'active', 'deactivated')),
    administrator  boolean not null default false,
    primary key (firm_id, id)
);

-- Matters as permissions-service registered them, with their current access mode. A row with
-- registered = false is a matter an entry names before permissions-service registered it: under
-- permissions-service's rule nobody sees such a matter yet.
create table feed_matter (
    firm_id         uuid    not null,
    id              uuid    not null,
    display_number  text,
    description     text,
    registered      boolean not null default false,
    mode            text    not null default 'everyone' check (mode in ('everyone', 'restricted')),
    access_version  integer not null default 0,
    primary key (firm_id, id)
);
-- The matters that can be hidden from someone: restricted ones and unregistered ones.
create index feed_matter_hideable on feed_matter (firm_id, id) where mode = 'restricted' or not registered;

-- The current entries of each matter's access list (matteraccess.changed carries the whole list).
create table feed_matter_access (
    firm_id       uuid not null,
    matter_id     uuid not null,
    kind          text not null check (kind in ('group', 'user', 'block')),
    principal_id  uuid not null,
    primary key (firm_id, matter_id, kind, principal_id)
);
create index feed_matter_access_principal on feed_matter_access (firm_id, principal_id, kind, matter_id);

create table feed_group_member (
    firm_id   uuid not null,
    group_id  uuid not null,
    user_id   uuid not null,
    primary key (firm_id, user_id, group_id)
);
create index feed_group_member_group on feed_group_member (firm_id, group_id);

-- Activity descriptions: visible to everyone, or only to members of their groups (and administrators).
create table feed_activity_description (
    firm_id     uuid not null,
    id          uuid not null,
    visibility  text not null check (visibility in ('everyone', 'groups')),
    deleted     boolean not null default false,
    primary key (firm_id, id)
);

create table feed_activity_description_group (
    firm_id                  uuid not null,
    activity_description_id  uuid not null,
    group_id                 uuid not null,
    primary key (firm_id, activity_description_id, group_id)
);

-- The feed: one entry per event, in a hash chain per firm (seq is the chain order, i.e. arrival order;
-- occurred_at is the event's time, which readers sort by, so late events land in their place).
create table feed_entry (
    firm_id                  uuid        not null,
    seq                      bigint      not null,
    id                       uuid        not null,
    occurred_at              timestamptz not null,
    recorded_at              timestamptz not null default now(),
    event_type               text        not null,
    source                   text        not null,
    category                 text        not null,
    admin_only               boolean     not null,
    actor_id                 text        not null,
    actor_type               text        not null,
    verb                     text        not null,
    object_type              text        not null,
    object_id                text        not null,
    object_title             text,
    matter_id                uuid,
    activity_description_id  uuid,
    summary                  text        not null,
    details                  text,
    ip                       text,
    location                 text,
    hash                     bytea       not null,
    primary key (firm_id, seq)
);
create unique index feed_entry_event on feed_entry (id);
create index feed_entry_time on feed_entry (firm_id, occurred_at desc, seq desc);
create index feed_entry_matter on feed_entry (firm_id, matter_id, occurred_at desc, seq desc) where matter_id is not null;
create index feed_entry_object on feed_entry (firm_id, object_type, object_id, occurred_at desc, seq desc);
create index feed_entry_actor on feed_entry (firm_id, actor_id, occurred_at desc, seq desc);

-- Each firm's chain head, and the anchor left by retention: the seq and hash of the last purged entry
-- (0 and 32 zero bytes before any purge), from which the rest of the chain still verifies.
create table feed_chain (
    firm_id      uuid        not null primary key,
    last_seq     bigint      not null,
    last_hash    bytea       not null,
    anchor_seq   bigint      not null default 0,
    anchor_hash  bytea       not null,
    anchored_at  timestamptz
);

-- Live readers (the SSE stream, on any replica) wake up when a firm's feed grows.
create function feed_entry_notify() returns trigger
    language plpgsql as
$$
begin
    perform pg_notify('feed_entry', new.firm_id::text);
    return null;
end
$$;

create trigger feed_entry_notify
    after insert on feed_entry
    for each row
execute function feed_entry_notify();

-- Retention per firm; firms without a row keep the configured default.
create table feed_retention (
    firm_id         uuid        not null primary key,
    retention_days  integer     not null check (retention_days between 1 and 36500),
    updated_at      timestamptz not null,
    updated_by      uuid        not null
);
