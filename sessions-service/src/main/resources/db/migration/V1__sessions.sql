-- An IP address as PostgreSQL's inet, or null for anything that is not one (clients report free text).
-- Immutable, so the IP/CIDR filters can use it in expression indexes.
create function ip_or_null(value text) returns inet
    language plpgsql immutable strict as
$$
begin
    return value::inet;
exception when others then
    return null;
end;
$$;

-- Every session identity-service started (firm users and portal contacts), with where and what from.
create table session_record (
    id                uuid primary key,              -- identity's session id (the token's sid)
    firm_id           uuid not null,
    actor_id          uuid not null,
    actor_type        text not null check (actor_type in ('user', 'contact')),
    amr               text not null default '',
    client_ip         text not null,                 -- the latest address seen
    user_agent        text,
    browser           text,
    os                text,
    device_type       text,
    device_key        text,
    mobile_device_id  uuid,
    country_code      text,
    country           text,
    city              text,
    latitude          double precision,
    longitude         double precision,
    asn               bigint,
    network           text,
    started_at        timestamptz not null,
    last_seen_at      timestamptz not null,
    ended_at          timestamptz,
    end_reason        text,
    ended_by          uuid,
    unusual           boolean not null default false,
    unusual_reasons   text not null default '',
    disowned_at       timestamptz,
    disowned_by       uuid
);
create index session_record_firm_seen on session_record (firm_id, last_seen_at desc, id desc);
create index session_record_actor on session_record (firm_id, actor_id, last_seen_at desc);
create index session_record_open on session_record (last_seen_at) where ended_at is null;
create index session_record_ended on session_record (ended_at) where ended_at is not null;

-- Every address a session was used from (the one it started with, then each change the gateway or a refresh saw).
create table session_ip (
    session_id     uuid not null references session_record (id) on delete cascade,
    ip             text not null,
    firm_id        uuid not null,
    country_code   text,
    city           text,
    asn            bigint,
    first_seen_at  timestamptz not null,
    last_seen_at   timestamptz not null,
    primary key (session_id, ip)
);
create index session_ip_inet on session_ip using gist (ip_or_null(ip) inet_ops);

-- Sign-in history: successes (each started a session) and failures with their reason.
create table sign_in (
    id                uuid primary key,
    firm_id           uuid not null,
    actor_id          uuid,                          -- null for a failure naming no known account
    actor_type        text not null check (actor_type in ('user', 'contact')),
    email             text,
    outcome           text not null check (outcome in ('succeeded', 'failed')),
    failure_reason    text,
    session_id        uuid,
    client_ip         text not null,
    user_agent        text,
    browser           text,
    os                text,
    device_type       text,
    device_key        text,
    mobile_device_id  uuid,
    country_code      text,
    country           text,
    city              text,
    latitude          double precision,
    longitude         double precision,
    asn               bigint,
    network           text,
    unusual           boolean not null default false,
    unusual_reasons   text not null default '',
    speed_kmh         double precision,
    occurred_at       timestamptz not null
);
create index sign_in_firm_time on sign_in (firm_id, occurred_at desc, id desc);
create index sign_in_actor_time on sign_in (firm_id, actor_id, occurred_at desc);
create index sign_in_time on sign_in (occurred_at);
create index sign_in_inet on sign_in using gist (ip_or_null(client_ip) inet_ops);

-- "Everything of this user (or of the whole firm) that started before T is ended": kept so that a session
-- whose start arrives after the watermark was raised is recorded as ended at once.
create table revocation_watermark (
    id                 uuid primary key,
    firm_id            uuid not null,
    actor_id           uuid,                         -- null: firm-wide
    actor_type         text,
    revoked_before     timestamptz not null,
    except_session_id  uuid,
    reason             text not null,
    revoked_by         uuid,
    raised_at          timestamptz not null
);
create index revocation_watermark_firm on revocation_watermark (firm_id, revoked_before);

-- The firm's session lifetime policy; null minutes mean no limit.
create table firm_policy (
    firm_id                   uuid primary key,
    user_idle_minutes         integer,
    user_absolute_minutes     integer,
    admin_idle_minutes        integer,
    admin_absolute_minutes    integer,
    contact_idle_minutes      integer,
    contact_absolute_minutes  integer,
    updated_at                timestamptz not null,
    updated_by                uuid not null
);

-- Projection of who holds the administrator permission (from permissions-service and firm creation).
create table administrator (
    user_id   uuid primary key,
    firm_id   uuid not null,
    since     timestamptz not null
);
