-- Projection of identity-service's firms and users (fed by lexguard.identity.events).
create table firm (
    id          uuid primary key,
    name        text not null,
    owner_id    uuid not null,
    created_at  timestamptz not null default now()
);

create table app_user (
    id                  uuid primary key,
    firm_id             uuid not null,
    email               text not null,
    display_name        text not null,
    status              text not null check (status in ('invited', 'active', 'deactivated')),
    owner               boolean not null default false,
    -- the permissions granted to the user directly, comma-separated, sorted
    direct_permissions  text not null default '',
    created_at          timestamptz not null default now(),
    deactivated_at      timestamptz
);
create index app_user_firm_name on app_user (firm_id, display_name, id);

-- Roles: firm-defined bundles of account permissions.
create table role (
    id           uuid primary key,
    firm_id      uuid not null,
    name         text not null,
    permissions  text not null default '',
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create unique index role_firm_name on role (firm_id, lower(name));

create table user_role (
    firm_id  uuid not null,
    user_id  uuid not null references app_user (id),
    role_id  uuid not null references role (id) on delete cascade,
    primary key (user_id, role_id)
);
create index user_role_role on user_role (role_id);

-- Effective account permissions with their history: a row is valid from valid_from until valid_to (null: now).
create table effective_permission (
    firm_id     uuid not null,
    user_id     uuid not null,
    permission  text not null,
    valid_from  timestamptz not null,
    valid_to    timestamptz
);
create unique index effective_permission_current on effective_permission (user_id, permission) where valid_to is null;
create index effective_permission_history on effective_permission (user_id, permission, valid_from);

create table access_group (
    id           uuid primary key,
    firm_id      uuid not null,
    name         text not null,
    description  text not null default '',
    kind         text not null check (kind in ('role', 'practice_area', 'billing_type', 'office', 'other')),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    -- a deleted group is kept, so point-in-time answers can still name it
    deleted_at   timestamptz
);
create unique index access_group_firm_name on access_group (firm_id, lower(name)) where deleted_at is null;
create index access_group_firm_order on access_group (firm_id, name, id) where deleted_at is null;

-- Group membership with its history (a removed member's row gets valid_to; rows are never deleted).
create table group_member (
    firm_id     uuid not null,
    group_id    uuid not null,
    user_id     uuid not null,
    valid_from  timestamptz not null,
    valid_to    timestamptz
);
create unique index group_member_current on group_member (group_id, user_id) where valid_to is null;
create index group_member_user_current on group_member (user_id, group_id) where valid_to is null;
create index group_member_history on group_member (group_id, user_id, valid_from);

create table matter (
    id                       uuid primary key,
    firm_id                  uuid not null,
    display_number           text not null,
    description              text not null,
    client_contact_id        uuid,
    responsible_attorney_id  uuid,
    practice_area            text,
    status                   text not null check (status in ('open', 'pending', 'closed')),
    -- bumped on every change of the access list; matteraccess.changed carries it so consumers can order them
    access_version           integer not null default 1,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz not null default now()
);
create unique index matter_firm_number on matter (firm_id, lower(display_number));
create index matter_firm_order on matter (firm_id, display_number, id);

-- A matter's access mode (everyone | restricted) with its history.
create table matter_access (
    firm_id     uuid not null,
    matter_id   uuid not null references matter (id),
    mode        text not null check (mode in ('everyone', 'restricted')),
    valid_from  timestamptz not null,
    valid_to    timestamptz
);
create unique index matter_access_current on matter_access (matter_id) where valid_to is null;
create index matter_access_history on matter_access (matter_id, valid_from);
create index matter_access_firm_mode on matter_access (firm_id, mode) where valid_to is null;

-- The entries of a matter's access list with their history: allowed groups, allowed users, blocked users.
create table matter_access_entry (
    firm_id       uuid not null,
    matter_id     uuid not null references matter (id),
    kind          text not null check (kind in ('group', 'user', 'block')),
    principal_id  uuid not null,
    valid_from    timestamptz not null,
    valid_to      timestamptz
);
create unique index matter_access_entry_current on matter_access_entry (matter_id, kind, principal_id) where valid_to is null;
create index matter_access_entry_principal on matter_access_entry (principal_id, kind, matter_id) where valid_to is null;
create index matter_access_entry_history on matter_access_entry (matter_id, kind, principal_id, valid_from);

create table activity_description (
    id            uuid primary key,
    firm_id       uuid not null,
    name          text not null,
    default_rate  numeric(12, 2),
    category      text,
    visibility    text not null check (visibility in ('everyone', 'groups')),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create unique index activity_description_firm_name on activity_description (firm_id, lower(name));
create index activity_description_firm_order on activity_description (firm_id, name, id);

create table activity_description_group (
    firm_id                  uuid not null,
    activity_description_id  uuid not null references activity_description (id) on delete cascade,
    group_id                 uuid not null references access_group (id),
    primary key (activity_description_id, group_id)
);
create index activity_description_group_group on activity_description_group (group_id);
