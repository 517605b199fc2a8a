-- Projection of identity-service's users and permissions-service's account permissions: who is active,
-- who is an administrator (owner, or the administrator permission).
create table proj_user (
    id             uuid primary key,
    firm_id        uuid not null,
    active         boolean not null,
    owner          boolean not null default false,
    administrator  boolean not null default false
);

-- Projection of permissions-service's matters and their current access lists (matteraccess.changed carries
-- the whole list and a version; older versions are ignored).
create table proj_matter (
    id              uuid primary key,
    firm_id         uuid not null,
    display_number  text not null,
    status          text not null,
    -- null until the matter is registered (an access list may arrive first)
    mode            text,
    access_version  integer not null default 0
);

create table proj_matter_entry (
    matter_id     uuid not null references proj_matter (id) on delete cascade,
    kind          text not null check (kind in ('group', 'user', 'block')),
    principal_id  uuid not null,
    primary key (matter_id, kind, principal_id)
);
create index proj_matter_entry_principal on proj_matter_entry (principal_id, kind);

create table proj_group_member (
    firm_id   uuid not null,
    group_id  uuid not null,
    user_id   uuid not null,
    primary key (group_id, user_id)
);
create index proj_group_member_user on proj_group_member (user_id);

-- People outside the firm who can receive shares.
create table contact (
    id                          uuid primary key,
    firm_id                     uuid not null,
    name                        text not null,
    email                       text not null,
    kind                        text not null check (kind in ('client', 'co-counsel', 'expert', 'other')),
    source                      text not null check (source in ('api', 'activity')),
    created_at                  timestamptz not null,
    updated_at                  timestamptz not null,
    deleted_at                  timestamptz,
    portal_access_requested_at  timestamptz
);
create index contact_firm_order on contact (firm_id, name, id) where deleted_at is null;

-- The firm's sharing policy; a firm without a row has the defaults of SharingPolicy.
create table sharing_policy (
    firm_id                     uuid primary key,
    expiry_days_client          integer not null,
    expiry_days_co_counsel      integer not null,
    expiry_days_expert          integer not null,
    expiry_days_other           integer not null,
    review_days_client          integer not null,
    review_days_co_counsel      integer not null,
    review_days_expert          integer not null,
    review_days_other           integer not null,
    expiry_warning_days         integer not null,
    review_overdue_after_days   integer not null,
    revoke_on_matter_close      boolean not null,
    updated_at                  timestamptz not null,
    updated_by                  uuid
);

create table share (
    id                     uuid primary key,
    firm_id                uuid not null,
    matter_id              uuid not null,
    contact_id             uuid not null references contact (id),
    resource_type          text not null,
    resource_id            text not null,
    title                  text not null,
    access_level           text not null,
    message                text,
    shared_by              uuid not null,
    created_at             timestamptz not null,
    expires_at             timestamptz not null,
    -- 'active' rows whose expires_at has passed are expired at read time already; the sweep makes it durable
    status                 text not null check (status in ('active', 'revoked', 'expired')),
    revoked_at             timestamptz,
    revoked_by             uuid,
    revoke_reason          text,
    expired_at             timestamptz,
    expiry_warned_at       timestamptz,
    next_review_at         timestamptz not null,
    review_due_sent_at     timestamptz,
    review_overdue_sent_at timestamptz,
    open_count             integer not null default 0,
    last_opened_at         timestamptz
);
create index share_firm_created on share (firm_id, created_at desc, id desc);
create index share_contact on share (contact_id, status);
create index share_matter on share (firm_id, matter_id, status);
create index share_active_expiry on share (expires_at) where status = 'active';
create index share_active_review on share (next_review_at) where status = 'active';

-- Every portal open of a share.
create table share_open (
    id          bigint generated always as identity primary key,
    firm_id     uuid not null,
    share_id    uuid not null references share (id),
    contact_id  uuid not null,
    opened_at   timestamptz not null,
    ip          text,
    user_agent  text
);
create index share_open_share on share_open (share_id, opened_at desc);

-- Review decisions: the evidence of who decided what, when.
create table share_review (
    id                   uuid primary key,
    firm_id              uuid not null,
    share_id             uuid not null references share (id),
    decision             text not null check (decision in ('keep', 'revoke', 'change-expiry')),
    note                 text,
    decided_by           uuid not null,
    decided_at           timestamptz not null,
    was_due_at           timestamptz not null,
    previous_expires_at  timestamptz not null,
    expires_at           timestamptz not null,
    next_review_at       timestamptz
);
create index share_review_firm_decided on share_review (firm_id, decided_at, id);
