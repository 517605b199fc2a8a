-- Client-portal accounts: one per contact of a firm (the id is the contact's id in sharing-service, and the
-- portal token's subject). Separate from app_user so that no list, projection or permission of firm users can
-- ever include a contact, and a contact's email may also be a user's or another firm's contact's.
create table portal_account (
    id                  uuid primary key,
    firm_id             uuid not null references firm (id),
    email               text not null,
    name                text not null,
    kind                text not null check (kind in ('client', 'co-counsel', 'expert', 'other')),
    status              text not null check (status in ('invited', 'active', 'disabled')),
    password_hash       text,
    created_at          timestamptz not null,
    activated_at        timestamptz,
    disabled_at         timestamptz
);
create unique index portal_account_email_key on portal_account (firm_id, email);

create table portal_invitation (
    id              uuid primary key,
    firm_id         uuid not null references firm (id),
    account_id      uuid not null references portal_account (id),
    token_hash      bytea unique,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    link_issued_at  timestamptz,
    accepted_at     timestamptz,
    superseded_at   timestamptz
);
create index portal_invitation_account on portal_invitation (account_id);

create table portal_session (
    id                  uuid primary key,
    firm_id             uuid not null references firm (id),
    account_id          uuid not null references portal_account (id),
    amr                 text not null,
    client_ip           text not null,
    user_agent          text,
    created_at          timestamptz not null,
    last_refreshed_at   timestamptz not null,
    expires_at          timestamptz not null,
    ended_at            timestamptz,
    end_reason          text
);
create index portal_session_open on portal_session (account_id) where ended_at is null;

create table portal_refresh_token (
    token_hash  bytea primary key,
    session_id  uuid not null references portal_session (id),
    firm_id     uuid not null references firm (id),
    created_at  timestamptz not null,
    consumed_at timestamptz
);
create index portal_refresh_token_session on portal_refresh_token (session_id);


-- A TOTP factor and its recovery codes belong to a firm user or to a portal account (same rules, same sealing):
-- the owner id is either an app_user id or a portal_account id, so the foreign keys to app_user go.
alter table two_factor drop constraint two_factor_user_id_fkey;
alter table recovery_code drop constraint recovery_code_user_id_fkey;

-- The second sign-in step of a portal account is a sign-in challenge too (same five-attempt rule), for an owner that
-- is a portal account.
alter table signin_challenge drop constraint signin_challenge_user_id_fkey;
alter table signin_challenge drop constraint signin_challenge_purpose_check;
alter table signin_challenge add constraint signin_challenge_purpose_check
    check (purpose in ('second_factor', 'enrolment', 'portal_second_factor'));
